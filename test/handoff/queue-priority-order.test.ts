import { beforeAll, describe, expect, it } from 'vitest';
import { rowLabels } from '../../handoff/queue-labels.js';
import { compareRank, queueRank } from '../../handoff/queue-order.js';
import { createUnderstander } from '../../intents/create-understander.js';
import type { LocalUnderstander } from '../../intents/local-understander.js';
import type { Understanding } from '../../intents/understanding.js';
import { stderrLog } from '../../shared/log.js';

// Phrasings written for this test. Each group must rank above the next; the mildest waited longest,
// so time waiting alone would put it first.
const GROUPS: { name: string; texts: string[] }[] = [
  {
    name: 'safety, data breach, legal',
    texts: [
      '@acme the kettle you sold me spat boiling water and burned my hand',
      '@acme my account was hacked last night and someone changed my email',
      '@acme I have asked my lawyer to look at how you treated me',
    ],
  },
  { name: 'money taken, no service', texts: ['@acme you charged me twice for one order', '@acme no internet for three days now'] },
  {
    name: 'rants',
    texts: [
      '@acme you are the worst company ever, useless, I hate your stupid app',
      '@acme absolutely disgusting service, never again, total rip off',
    ],
  },
  { name: 'mild', texts: ['@acme could you tell me when the new store opens?', '@acme what sizes does the blue jacket come in'] },
  { name: 'thanks', texts: ['@acme thank you so much, you guys are great!'] },
];

describe('the queue order on real understanding (USE Lite)', () => {
  let u: LocalUnderstander;
  let ranked: { group: number; text: string; understanding: Understanding }[];

  beforeAll(async () => {
    u = await createUnderstander({ cacheDir: false, log: stderrLog });
    await u.train([]);
    const texts = GROUPS.flatMap((g, group) => g.texts.map((text) => ({ group, text })));
    const understood = await u.understandBatch(texts.map(({ text }) => ({ text, channel: 'x' })));
    // The later the group, the longer it has waited.
    const rows = texts.map((t, i) => {
      const labels = rowLabels(t.text, understood[i]!);
      return { ...t, understanding: understood[i]!, rank: queueRank(understood[i]!, labels, (t.group + 1) * 60_000) };
    });
    ranked = rows.sort((a, b) => compareRank(a.rank, b.rank));
  }, 120_000);

  it('puts safety, data breach and legal first, then money and no service, then rants, then mild questions, then thanks', () => {
    const groups = ranked.map((r) => r.group);
    expect(groups).toEqual([...groups].sort((a, b) => a - b));
  });

  it('ranks by text and tone as the service stores them: the understanding carries the same priority', () => {
    for (const r of ranked) expect(r.understanding.priority).toBe(rowLabels(r.text, r.understanding).priority);
  });

  it('gives each urgent row its reason in plain words, once, and never an intent name or a score', () => {
    const labels = ranked.map((r) => rowLabels(r.text, r.understanding));
    expect(labels.slice(0, 3).map((l) => l.priority)).toEqual(['urgent', 'urgent', 'urgent']);
    // Someone hurt first, then the hacked account, then the legal threat, whatever their tone.
    expect(labels.slice(0, 3).map((l) => l.reason)).toEqual(['Safety: burn injury', 'Data breach: hacked account', 'Legal threat: lawyer']);
    for (const l of labels) {
      expect(new Set(l.labels.map((x) => x.toLowerCase())).size).toBe(l.labels.length);
      expect(l.labels.join(' ')).not.toMatch(/out_of_scope|%|\d\.\d|_/);
    }
  });
});
