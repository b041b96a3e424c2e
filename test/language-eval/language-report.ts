import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { progressBar } from '../../shared/progress.js';
import { LANGUAGE_RULE } from '../../intents/detect-language.js';
import { LANGUAGE_POSTS, loadLanguagePosts } from '../../intents/eval/datasets/language-posts.js';
import { loadCandidates } from './language-candidates.js';
import { evaluateCandidate, WRONG_COST, type CandidateResult, type LanguageScore } from './language-eval.js';

export const LANGUAGE_USAGE = `usage: npm run eval:language -- [--file PATH] [--candidates tinyld,eld,franc,cld3] [--service-rule] [--mistakes] [--json OUT]
  language    language identification of short social posts (intents/eval/datasets/language-posts.jsonl): each
              candidate's rule tuned on the tune split, then per-language right / wrong / too short on held-out, and
              CPU ms per mention; eld-medium, eld-large, eld-extrasmall are eld's other database sizes;
              --service-rule scores the rule the service runs (LANGUAGE_RULE) instead of tuning`;

const pct = (x: number, n: number): string => (n ? (100 * x) / n : 0).toFixed(1).padStart(5);
const line = (label: string, s: LanguageScore): string =>
  `    ${label.padEnd(6)} n=${String(s.n).padStart(3)}  right ${pct(s.right, s.n)}%  too short ${pct(s.tooShort, s.n)}%  wrong ${pct(s.wrong, s.n)}%`;

/** `npm run eval:language`: compares the candidates and prints the held-out figures per language. */
export async function runLanguageEval(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      file: { type: 'string' },
      candidates: { type: 'string' },
      'service-rule': { type: 'boolean' },
      mistakes: { type: 'boolean' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${LANGUAGE_USAGE}\n`);
    return 0;
  }
  const file = values.file ?? LANGUAGE_POSTS;
  const posts = loadLanguagePosts(file);
  const names = (values.candidates ?? 'tinyld,eld,franc,cld3').split(',').map((s) => s.trim());
  const candidates = await loadCandidates(names, (note) => process.stderr.write(`${note}\n`));
  const tuneN = posts.filter((p) => p.split === 'tune').length;
  console.log(
    `language set ${path.basename(file)}: ${posts.length} posts, ${new Set(posts.map((p) => p.lang)).size} languages; rules tuned on ${tuneN} (tune split), figures on ${posts.length - tuneN} held-out`,
  );
  console.log(`  rule: the most right answers less ${WRONG_COST} per wrong language, on the tune split only`);
  const results: CandidateResult[] = [];
  for (const c of candidates) {
    const bar = progressBar(c.name.padEnd(6), posts.length);
    const r = evaluateCandidate(c, posts, { ...(values['service-rule'] ? { fixedRule: LANGUAGE_RULE } : {}), tick: (n) => bar.tick(n) });
    bar.done();
    results.push(r);
    const rule = r.rule;
    console.log(
      `  ${r.name}: rule min letters ${rule.minLetters}, min score ${rule.minScore}, min ratio ${rule.minRatio}, sure at ${rule.sureScore}; ${r.msPerMention.toFixed(4)} ms per mention`,
    );
    for (const [lang, s] of Object.entries(r.heldout)) console.log(line(lang, s));
    console.log(line('all', r.heldoutAll));
    if (values.mistakes) for (const m of r.mistakes) console.log(`      ${m.id} said ${m.said}: ${m.text}`);
  }
  console.log('summary (held-out): candidate  right  too short  wrong  ms/mention');
  for (const r of results) {
    const s = r.heldoutAll;
    console.log(
      `  ${r.name.padEnd(8)} ${pct(s.right, s.n)}%  ${pct(s.tooShort, s.n)}%  ${pct(s.wrong, s.n)}%  ${r.msPerMention.toFixed(4)}`,
    );
  }
  if (values.json) {
    fs.mkdirSync(path.dirname(path.resolve(values.json)), { recursive: true });
    fs.writeFileSync(values.json, `${JSON.stringify({ set: 'language', file, results }, null, 2)}\n`);
  }
  return 0;
}

// `npm run eval:language -- [options]`: a tool beside the tests (it compares detectors the service does not ship).
if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await runLanguageEval(process.argv.slice(2));
