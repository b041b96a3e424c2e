import { parseRouting } from '../../config/routing/load-routing.js';
import { compileRules } from '../../handoff/routing/compile-rules.js';
import { factsOfMention } from '../../handoff/routing/facts-of-mention.js';
import { parseBusinessHours } from '../../handoff/hours/business-hours.js';
import { progressBar } from '../../shared/progress.js';
import { detectLanguage } from '../../intents/detect-language.js';

const RULES = Number(process.env.BENCH_RULES ?? 200);
const HANDOFFS = Number(process.env.BENCH_HANDOFFS ?? 20_000);
const TOPICS = ['refund', 'billing', 'delivery', 'outage', 'account', 'cancel'];
const CHANNELS = ['x', 'meta', 'mastodon', 'bluesky'];
const WORDS = ['kettle', 'router', 'invoice', 'parcel', 'password', 'voucher', 'screen', 'battery', 'subscription', 'courier'];

/** A file of n rules using every kind of condition, most of them not matching a given handoff. */
function generate(n: number): string {
  const lines = ['version: 1', 'rules:'];
  for (let i = 0; i < n; i++) {
    const word = `${WORDS[i % WORDS.length]}${i}`;
    const when = [
      `channel: [${CHANNELS[i % CHANNELS.length]}]`,
      `topic: [${TOPICS[i % TOPICS.length]}]`,
      i % 2 === 0 ? `keywords: [${word}, broken ${word}, ${word} missing]` : `patterns: ['order #${i}\\d{3}', '${word}s?']`,
      ...(i % 5 === 0 ? ['sentiment: [negative]', 'complaint: true'] : []),
      ...(i % 7 === 0 ? ['customer_tags: [vip]', 'hours: open'] : []),
      ...(i % 11 === 0 ? ["handle: ['@acme_help']", 'priority: [high, urgent]'] : []),
      ...(i % 13 === 0 ? ['language: [fr, de]'] : []),
    ];
    lines.push(`  - name: rule-${i}`, `    when: { ${when.join(', ')} }`, `    do: { team: team-${i % 8}, tags: [t${i % 20}] }`);
  }
  // The catch-all at the end: every handoff is looked at by every rule before it.
  lines.push('  - name: everything-else', '    do: { team: general }');
  return `${lines.join('\n')}\n`;
}

const SENTENCES = [
  'my kettle3 arrived broken and nobody answers',
  'where is my parcel, order #12345 was due monday @acme_help',
  'I was charged twice for the subscription38 this month!!',
  "mon colis n'est jamais arrivé, c'est inadmissible",
  'password reset link does not work, locked out of my account',
  'the courier left the box in the rain, everything soaked',
];

/** Issue 20's routing figure: 200 rules evaluated per handoff, each handoff's facts built from its mention. */
export async function run(): Promise<void> {
  const t0 = performance.now();
  const routing = parseRouting(generate(RULES)).routing;
  const rules = compileRules(routing);
  const compileMs = performance.now() - t0;
  const hours = parseBusinessHours('Mon-Fri 09:00-18:00', 'Europe/Paris');
  const mentions = Array.from({ length: 500 }, (_, i) => ({
    text: `${SENTENCES[i % SENTENCES.length]} (case ${i})`,
    channel: CHANNELS[i % CHANNELS.length]!,
    decision: {
      understanding: {
        intent: TOPICS[i % TOPICS.length],
        topic: TOPICS[i % TOPICS.length],
        confidence: 0.4,
        sentiment: i % 3 === 0 ? 'negative' : 'neutral',
        complaint: i % 4 === 0,
      },
    },
  }));
  // Mentions will carry their language (detected once at intake): routing then only reads it.
  const stored = mentions.map((m) => ({ ...m, language: detectLanguage(m.text) }));
  for (const m of mentions) rules.evaluate(factsOfMention(m, { customerTags: ['vip'], hours, at: Date.now() }));
  console.log(`rules: ${routing.rules.length} (parsed, checked and compiled in ${compileMs.toFixed(1)} ms)`);
  pass(rules, stored, 'language stored on the mention', routing.rules.length, hours);
  pass(rules, mentions, 'language detected when a rule asks', routing.rules.length, hours);
}

function pass(
  rules: ReturnType<typeof compileRules>,
  mentions: Parameters<typeof factsOfMention>[0][],
  label: string,
  ruleCount: number,
  hours: ReturnType<typeof parseBusinessHours>,
): void {
  const bar = progressBar(label, HANDOFFS);
  const times: number[] = [];
  let matched = 0;
  const start = performance.now();
  for (let i = 0; i < HANDOFFS; i++) {
    const m = mentions[i % mentions.length]!;
    const t0 = performance.now();
    const outcome = rules.evaluate(factsOfMention(m, { customerTags: i % 2 === 0 ? ['vip'] : [], hours, at: Date.now() }));
    times.push(performance.now() - t0);
    matched += outcome.matched.length;
    if ((i + 1) % 500 === 0) bar.tick(500);
  }
  bar.done();
  const totalMs = performance.now() - start;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
  console.log(`${label}: ${HANDOFFS} handoffs, ${(matched / HANDOFFS).toFixed(2)} rules matched each`);
  console.log(`  per handoff: median ${us(at(0.5))}, p99 ${us(at(0.99))}, max ${us(at(1))}`);
  console.log(
    `  handoffs per second: ${Math.round(HANDOFFS / (totalMs / 1000))}; rules evaluated per second: ${Math.round((HANDOFFS * ruleCount) / (totalMs / 1000))}`,
  );
  console.log(`  under 1 ms per handoff at p99: ${at(0.99) < 1 ? 'yes' : 'no'}`);
}
