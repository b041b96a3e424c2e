import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitOf } from '../../../bot/cli/labelled-set.js';
import { runLearningCurve } from '../../../bot/cli/learning-curve-command.js';
import { createKeywordUnderstander } from '../../../intents/keyword-understander.js';

// A made-up brand, written for this test: one entry whose customers put it in words its file lacks.
const KNOWLEDGE = `version: 1
acknowledgement: "Hi {{author}}, a person will reply here."
entries:
  - id: kettle-recall
    kind: incident
    title: Kettle recall
    keywords: [kettle recall]
    examples: [is my kettle part of the recall]
    reply: "Hi {{author}}, see our recall page."
`;

const at = (minute: number) => `Mon Jan 01 00:${String(minute).padStart(2, '0')}:00 +0000 2018`;
// id, created_at, text, label: the same new phrasing handed off, answered by an agent, then learned.
const MENTIONS: [string, string, string, string][] = [
  ['201', at(1), '@acme_help my kettle sparks when I switch it on', 'kettle-recall'],
  ['202', at(2), '@acme_help where is my refund', 'handoff'],
  ['203', at(3), '@acme_help my kettle sparks when I switch it on', 'kettle-recall'],
  ['204', at(4), '@acme_help my kettle sparks when I switch it on', 'kettle-recall'],
  ['205', at(5), '@acme_help my kettle sparks when I switch it on, thanks for the new one', 'no_reply'],
  ['206', at(6), '@acme_help my kettle sparks when I switch it on', 'kettle-recall'],
];

// Shares the learned phrasing's words but must not get the recall reply.
const LOOKALIKES = `text,expect
"@acme_help my kettle sparks when I switch it on, is that normal for a gas hob",handoff
@acme_help hello there,no_reply
`;

function makeSet(): { setDir: string; datasets: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'fr-learning-curve-'));
  const datasets = path.join(root, 'datasets');
  const setDir = path.join(root, 'set');
  mkdirSync(path.join(datasets, 'twcs'), { recursive: true });
  mkdirSync(path.join(setDir, 'acme'), { recursive: true });
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const csv = [
    'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id',
    ...MENTIONS.map(([id, created, text]) => [id, `c${id}`, 'True', created, text, '', ''].map(quote).join(',')),
  ];
  writeFileSync(path.join(datasets, 'twcs', 'acme.csv'), `${csv.join('\n')}\n`);
  writeFileSync(path.join(setDir, 'acme', 'knowledge.yaml'), KNOWLEDGE);
  writeFileSync(
    path.join(setDir, 'acme', 'labels.csv'),
    `source,tweet_id,label,split\n${MENTIONS.map(([id, , , label]) => `acme.csv,${id},${label},${splitOf(id)}`).join('\n')}\n`,
  );
  writeFileSync(path.join(setDir, 'acme', 'lookalikes.csv'), LOOKALIKES);
  return { setDir, datasets };
}

const sink = () => {
  let text = '';
  return { stream: { write: (s: string) => ((text += s), true) } as unknown as NodeJS.WritableStream, text: () => text };
};

describe('the learning-curve command', () => {
  it('decides the look-alikes with the model each walk ends on, and names those only learning made it answer', async () => {
    const { setDir, datasets } = makeSet();
    const printed = sink();
    const [acme] = await runLearningCurve(
      { setDir, datasets, split: 'all', every: 2 },
      { loadUnderstander: async () => createKeywordUnderstander(), out: printed.stream, progress: false },
    );
    expect(acme!.lookalikes).toBe(2);
    expect(acme!.without.lookalikesAnswered).toEqual([]);
    expect(acme!.with.lookalikesAnswered.map((l) => [l.text, l.entryId])).toEqual([
      ['@acme_help my kettle sparks when I switch it on, is that normal for a gas hob', 'kettle-recall'],
    ]);
    expect(printed.text()).toContain("look-alikes given an entry's reply at the end of the walk: 0 of 2 without, 1 with");
    expect(printed.text()).toContain('new with learning: "@acme_help my kettle sparks when I switch it on, is that normal for a gas hob"');
  });

  it('reports the wrong answers of the whole walk, not only of its thirds', async () => {
    const { setDir, datasets } = makeSet();
    const printed = sink();
    const [acme] = await runLearningCurve(
      { setDir, datasets, split: 'all', every: 2 },
      { loadUnderstander: async () => createKeywordUnderstander(), out: printed.stream, progress: false },
    );
    // The thanks labelled no_reply gets the recall reply once the learned phrasing is live.
    expect([acme!.without.all.wrong, acme!.with.all.wrong, acme!.with.all.mentions]).toEqual([0, 1, 6]);
    expect(printed.text()).toContain('whole walk with learning: wrong answers 16.7%');
  });

  it('with --details prints each publish with what it accepted, and marks the wrong answers learning caused', async () => {
    const { setDir, datasets } = makeSet();
    const printed = sink();
    await runLearningCurve(
      { setDir, datasets, split: 'all', every: 2, details: true },
      { loadUnderstander: async () => createKeywordUnderstander(), out: printed.stream, progress: false },
    );
    const lines = printed.text().split('\n');
    expect(lines.filter((l) => l.includes('publish after'))).toEqual(['  publish after #  1 first: 1 examples accepted']);
    expect(lines).toContain('      + kettle-recall: my kettle sparks when I switch it on');
    // The thanks (labelled no_reply) is answered only once the learned phrasing is live.
    const thanks = lines.filter((l) => l.includes('thanks for the new'));
    expect(thanks.map((l) => l.slice(0, 60))).toEqual([
      expect.stringMatching(/^ {2}with {4}# {2}4 last {2}no_reply -> answer kettle-recall WRONG/),
    ]);
  });
});
