import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { previewTurn } from '../../../bot/turn/preview-turn.js';
import { checkKnowledge } from '../../../config/knowledge/check-knowledge.js';
import { type KnowledgeError, parseKnowledge, parseKnowledgeDocument } from '../../../config/knowledge/load-knowledge.js';
import { composeReply, handlesIn, toneFor } from '../../../config/knowledge/reply-tone.js';
import { createKeywordUnderstander } from '../../../intents/keyword-understander.js';

const file = (tone: string, reply = 'Back in {{eta}} 🚀 {{link}}') => `version: 1
acknowledgement: "{{author}}, a person will answer 🙏"
tone:
${tone}
entries:
  - id: outage
    title: Outage
    examples: [the app is down, app not loading, cannot open the app]
    keywords: [app down]
    kind: incident
    vars: { eta: "an hour ⏱️", link: "https://status.acme.example" }
    reply: "${reply}"
`;

const tones = `  default: { closing: "^Sam" }
  x: { opening: "Hey {{author}}!", emoji: false }
  mastodon: { opening: "Hello {{author}},", closing: "Sam from Acme 👋" }
  "@acme_help": { opening: "Support here, {{author}}:", closing: "" }`;

describe('tone per channel and brand handle', () => {
  it('puts the channel tone around the reply, a handle the mention addresses winning field by field', () => {
    const k = parseKnowledge(file(tones));
    expect(toneFor(k, 'sandbox', '@acme app down')).toEqual({ closing: '^Sam' });
    expect(toneFor(k, 'x', '@acme app down')).toEqual({ opening: 'Hey {{author}}!', closing: '^Sam', emoji: false });
    expect(toneFor(k, 'x', 'hi @ACME_help, app down')).toEqual({ opening: 'Support here, {{author}}:', closing: '', emoji: false });
    // Only a whole handle counts: @acme_helpdesk is not @acme_help.
    expect(toneFor(k, 'mastodon', '@acme_helpdesk app down').opening).toBe('Hello {{author}},');
  });

  it('fills variables in the tone and strips emoji from what marketing wrote, never from the handle', () => {
    const k = parseKnowledge(file(tones));
    const vars = { eta: 'an hour ⏱️', link: 'https://status.acme.example', author: '@ann🌻' };
    expect(composeReply(k.entries[0]!.reply as string, vars, toneFor(k, 'x', 'app down'))).toBe(
      'Hey @ann🌻! Back in an hour https://status.acme.example ^Sam',
    );
    expect(composeReply(k.entries[0]!.reply as string, vars, toneFor(k, 'mastodon', 'app down'))).toBe(
      'Hello @ann🌻, Back in an hour ⏱️ 🚀 https://status.acme.example Sam from Acme 👋',
    );
  });

  it('applies to answers and the acknowledgement in the turn', async () => {
    const k = parseKnowledge(file(tones));
    const understander = createKeywordUnderstander();
    await understander.train(k.entries);
    const answer = await previewTurn(understander, k, 'the app is down', 'x');
    expect(answer.reply).toEqual({ kind: 'answer', text: 'Hey @customer! Back in an hour https://status.acme.example ^Sam' });
    const ack = await previewTurn(understander, k, '@acme_help I want a refund', 'mastodon');
    expect(ack.reply).toEqual({ kind: 'acknowledgement', text: 'Support here, @customer: @customer, a person will answer 🙏' });
  });

  it('counts the tone in the length check and refuses variables a tone cannot know, at their line', async () => {
    const long = `  x: { closing: "${'Thanks for your patience. '.repeat(10)}" }\n  mastodon: { opening: "Hi {{author}}, re {{title}}:" }\n  facebook: { closing: "x" }`;
    const { knowledge, locate } = parseKnowledgeDocument(file(long), 'k.yaml');
    const findings = await checkKnowledge(knowledge, locate);
    const find = (re: RegExp) => findings.find((f) => re.test(f.message));
    // The reply alone is short; with x's closing it is over 280 (the acknowledgement too).
    expect(find(/reply is \d+ characters on x once filled in \(limit 280, its tone included\)/)).toMatchObject({
      level: 'error',
      path: 'entries.0.reply',
      line: 14,
    });
    expect(find(/acknowledgement is \d+ characters on x/)).toMatchObject({ level: 'error', line: 2 });
    expect(find(/unknown variable \{\{title\}\} in a tone/)).toMatchObject({ level: 'error', path: 'tone.mastodon.opening', line: 5 });
    expect(find(/no channel is called "facebook"/)).toMatchObject({ level: 'warning', path: 'tone.facebook', line: 6 });
    expect(findings.filter((f) => /characters on (mastodon|sandbox)/.test(f.message))).toEqual([]);
  });

  it('issue 18 finding 4: a tone for a platform not turned on here is no warning; a name no platform has is', async () => {
    const { knowledge, locate } = parseKnowledgeDocument(file(`  mastodon: { closing: "bye" }\n  facebook: { closing: "x" }`), 'k.yaml');
    const findings = await checkKnowledge(knowledge, locate, { limits: { sandbox: { maxLength: 500, measure: (t) => [...t].length } } });
    expect(findings.filter((f) => f.level === 'warning').map((f) => f.path)).toEqual(['tone.facebook']);
  });

  it('refuses a tone key that is no channel or handle and an unknown field, with line and column', () => {
    try {
      parseKnowledge(file('  "X Support": { opening: hi }\n  x: { signature: "^S" }'), 'k.yaml');
      throw new Error('accepted');
    } catch (err) {
      const problems = (err as KnowledgeError).problems;
      expect(problems.map((p) => [p.path, p.line])).toEqual(
        expect.arrayContaining([
          ['tone.X Support', 4],
          ['tone.x', 5],
        ]),
      );
      expect(problems.every((p) => p.column > 0)).toBe(true);
    }
  });
});

describe('issue 14 finding 2 — the handles a mention addresses, in linear time', () => {
  it('finding 2: a mention of 200,000 "@" or "@." is read in bounded time', () => {
    const k = parseKnowledge(file(tones));
    const started = performance.now();
    // The former /@([\w.@-]*\w)/g backtracked over the rest of the run from every "@": quadratic.
    expect(toneFor(k, 'x', '@'.repeat(200_000))).toEqual({ opening: 'Hey {{author}}!', closing: '^Sam', emoji: false });
    expect(toneFor(k, 'x', `${'@.'.repeat(100_000)} @acme_help`)).toMatchObject({ opening: 'Support here, {{author}}:' });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('finding 2: finds what the former pattern found, on any text', () => {
    const former = (text: string) => [...text.matchAll(/@([\w.@-]*\w)/g)].map((m) => m[1]!);
    fc.assert(
      fc.property(fc.array(fc.constantFrom('@', '.', '-', 'a', 'Z', '_', '1', ' ', ',', 'é'), { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        expect(handlesIn(text)).toEqual(former(text));
      }),
      { numRuns: 2000 },
    );
  });
});
