import { describe, expect, it } from 'vitest';
import { checkKnowledge } from '../../../config/knowledge/check-knowledge.js';
import { parseKnowledgeDocument } from '../../../config/knowledge/load-knowledge.js';
import { testCaseOutcome } from '../../../bot/turn/preview-turn.js';
import { createKeywordUnderstander } from '../../../intents/keyword-understander.js';

const text = `version: 1
acknowledgement: A person will answer.
entries:
  - id: outage
    kind: incident
    title: Outage
    keywords: [app down]
    examples: [the app is down, app not loading, cannot open the app]
    negative_examples: [the app is not loading]
    vars: { eta: "an hour" }
    reply:
      default: "Back in {{eta}}. {{link}}"
      x: "${'Back soon. '.repeat(30)}"
    tests:
      - { text: the app is down again, expect: outage }
      - { text: where is my parcel, expect: outage }
  - id: old-sale
    kind: campaign
    title: Old sale
    window: { start: 2025-01-01T00:00:00Z, end: 2025-02-01T00:00:00Z }
    examples: [the app is down]
    reply: The sale ended.
  - id: outage-copy
    kind: incident
    title: Same phrasing
    channels: [mastodon]
    examples: [The app is DOWN!]
    reply: Same.
`;

describe('checkKnowledge', () => {
  it('finds what marketing gets wrong, each at its line', async () => {
    const { knowledge, locate } = parseKnowledgeDocument(text, 'k.yaml');
    const understander = createKeywordUnderstander();
    await understander.train(knowledge.entries);
    const findings = await checkKnowledge(knowledge, locate, {
      now: new Date('2026-11-23T00:00:00Z'),
      runCase: (t, channel) => testCaseOutcome(understander, knowledge, t, channel, new Date('2026-11-23T00:00:00Z')),
    });
    const find = (re: RegExp) => findings.find((f) => re.test(f.message));
    expect(find(/unknown variable \{\{link\}\}/)).toMatchObject({ level: 'error', path: 'entries.0.reply.default', line: 12 });
    expect(find(/characters on x once filled in \(limit 280/)).toMatchObject({ level: 'error', path: 'entries.0.reply.x', line: 13 });
    expect(find(/where is my parcel.*expected outage, the bot would hand off/)).toMatchObject({
      level: 'error',
      path: 'entries.0.tests.1',
      line: 16,
    });
    expect(find(/"the app is down again"/)).toBeUndefined();
    expect(find(/negative example "the app is not loading" would be answered/)).toMatchObject({ level: 'error', line: 9 });
    expect(find(/window ended/)).toMatchObject({ level: 'warning', path: 'entries.1.window.end' });
    // The ended sale cannot be live with the outage, the Mastodon copy can: only it is flagged.
    const shared = findings.filter((f) => /is also an example of/.test(f.message));
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatchObject({ level: 'error', path: 'entries.2.examples.0', line: 27 });
    expect(find(/only 1 example phrasing/)).toMatchObject({ level: 'warning' });
  });
});

describe('issue 15 no_reply — the courtesy section', () => {
  it('checks the courtesy reply like the others: its variables, and its length per channel once filled in', async () => {
    const { knowledge, locate } = parseKnowledgeDocument(
      `version: 1
acknowledgement: A person will answer.
courtesy:
  default: Glad we could help, {{author}}! {{eta}}
  x: "${'Glad we could help. '.repeat(20)}"
entries: []
`,
      'k.yaml',
    );
    const findings = await checkKnowledge(knowledge, locate);
    const find = (re: RegExp) => findings.find((f) => re.test(f.message));
    expect(find(/unknown variable \{\{eta\}\}: the courtesy reply may use \{\{author\}\} only/)).toMatchObject({
      level: 'error',
      path: 'courtesy.default',
      line: 4,
    });
    expect(find(/courtesy is \d+ characters on x once filled in \(limit 280/)).toMatchObject({
      level: 'error',
      path: 'courtesy.x',
      line: 5,
    });
    // The default is short enough everywhere it is posted (every channel but x).
    expect(findings.filter((f) => /courtesy is/.test(f.message))).toHaveLength(1);
  });

  it('the shipped knowledge file has a courtesy section that passes the checks', async () => {
    const { readFile } = await import('node:fs/promises');
    const { knowledge, locate } = parseKnowledgeDocument(await readFile('config/knowledge.yaml', 'utf8'), 'config/knowledge.yaml');
    expect(knowledge.courtesy).toBeDefined();
    const findings = await checkKnowledge(knowledge, locate, { now: new Date('2026-11-23T00:00:00Z') });
    expect(findings.filter((f) => f.path.startsWith('courtesy'))).toEqual([]);
  });
});
