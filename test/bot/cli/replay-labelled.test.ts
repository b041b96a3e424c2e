import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMentionsCsv, threadIndex } from '../../../bot/cli/mentions-csv.js';
import { splitOf } from '../../../bot/cli/labelled-set.js';
import { runReplayLabelled } from '../../../bot/cli/replay-labelled-command.js';
import { scoreReplay, replayFigures } from '../../../bot/cli/replay-labelled-score.js';
import { printScore } from '../../../bot/cli/replay-labelled-report.js';
import { createKeywordUnderstander } from '../../../intents/keyword-understander.js';
import { repoRoot } from '../../helpers/start-service.js';

// A made-up brand, written for this test: one entry always on, one only in November 2017.
const KNOWLEDGE = `version: 1
acknowledgement: "Hi {{author}}, a person will reply here."
entries:
  - id: parcel-late
    kind: incident
    title: Parcels late
    keywords: [parcel late]
    reply: "Hi {{author}}, parcels are running a few days late."
  - id: promo
    kind: campaign
    title: November promo
    window: { start: 2017-11-01T00:00:00Z, end: 2017-12-01T00:00:00Z }
    keywords: [promo code]
    reply: "Hi {{author}}, the promo code works until 30 November."
`;

const NOV = 'Fri Nov 10 12:00:00 +0000 2017';
const DEC = 'Sun Dec 10 12:00:00 +0000 2017';
// id, author, created_at, text, response_tweet_id, in_response_to_tweet_id, label, and what the
// keyword understander with the guards will decide (the comment).
const MENTIONS: [string, string, string, string, string, string, string][] = [
  ['101', '11', NOV, '@acme_help my parcel late again', '', '', 'parcel-late'], // answer parcel-late: covered
  ['102', '12', NOV, '@acme_help where is my order', '', '', 'parcel-late'], // handoff: missed
  ['103', '13', NOV, '@acme_help promo code not working', '', '', 'promo'], // answer promo: covered
  ['104', '14', DEC, '@acme_help promo code not working', '', '', 'promo'], // window over on its own date: handoff
  ['105', '15', NOV, '@acme_help parcel late but it arrived damaged', '', '', 'handoff'], // answer: wrong
  ['106', '16', NOV, '@acme_help thanks, parcel late no more', '', '', 'no_reply'], // answer: wrong
  ['107', '17', NOV, '@acme_help promo code thanks, but my parcel is missing', '', '', 'parcel-late'], // answer promo: wrong, another entry
  ['108', 'acme_help', NOV, '@acme_help we are on it', '', '', 'no_reply'], // the brand's own post: ignored = no_reply, right
  ['109', 'acme_help', NOV, '@acme_help sorry about that', '', '', 'handoff'], // ignored = no_reply, but needed a person
  ['110', '20', NOV, '@acme_help thank you!', '', '', 'no_reply'], // no_reply (courtesy): right
  ['111', '21', NOV, '@acme_help my account is locked', '900', '', 'handoff'], // handoff
  ['112', '21', NOV, '@acme_help still locked', '', '900.0', 'handoff'], // handoff; follows 111 through brand tweet 900
];

const LOOKALIKES = `text,expect
"@acme_help my parcel arrived, not late",no_reply
@acme_help is there a promo code for teachers,handoff
@acme_help hello there,no_reply
`;

function makeSet(): { setDir: string; datasets: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'fr-replay-labelled-'));
  const datasets = path.join(root, 'datasets');
  const setDir = path.join(root, 'set');
  mkdirSync(path.join(datasets, 'twcs'), { recursive: true });
  mkdirSync(path.join(setDir, 'acme'), { recursive: true });
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const csv = [
    'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id',
    ...MENTIONS.map(([id, author, at, text, resp, irt]) => [id, author, 'True', at, text, resp, irt].map(quote).join(',')),
  ];
  writeFileSync(path.join(datasets, 'twcs', 'acme.csv'), `${csv.join('\n')}\n`);
  writeFileSync(path.join(setDir, 'acme', 'knowledge.yaml'), KNOWLEDGE);
  writeFileSync(
    path.join(setDir, 'acme', 'labels.csv'),
    `source,tweet_id,label,split\n${MENTIONS.map(([id, , , , , , label]) => `acme.csv,${id},${label},${splitOf(id)}`).join('\n')}\n`,
  );
  writeFileSync(path.join(setDir, 'acme', 'lookalikes.csv'), LOOKALIKES);
  return { setDir, datasets };
}

const sink = () => {
  let text = '';
  return { stream: { write: (s: string) => ((text += s), true) } as unknown as NodeJS.WritableStream, text: () => text };
};

describe('issue 15 — replay-labelled scores the labelled set', () => {
  it("computes coverage, wrong answers, no_reply precision/recall and the handoff share from real decisions, at each tweet's own time", async () => {
    const { setDir, datasets } = makeSet();
    const printed = sink();
    const out = path.join(setDir, 'decisions.csv');
    const r = await runReplayLabelled(
      { setDir, datasets, split: 'all', out, noReply: true },
      { loadUnderstander: async () => createKeywordUnderstander(), out: printed.stream, progress: false },
    );

    const s = r.brands[0]!.score;
    expect(r.brands[0]!.handle).toBe('@acme_help');
    expect(s).toMatchObject({
      mentions: 12,
      entryLabelled: 5,
      covered: 2,
      wrong: 3,
      wrongOnHandoff: 1,
      wrongOnNoReply: 1,
      wrongOnOtherEntry: 1,
      noReplyDecided: 3,
      noReplyRight: 2,
      noReplyLabelled: 3,
      noReplyOnHandoff: 1,
      handedOff: 4,
      missedToHandoff: 2,
    });
    const f = replayFigures(s);
    expect(f.coverage).toBeCloseTo(2 / 5);
    expect(f.wrongAnswers).toBeCloseTo(3 / 12);
    expect(f.noReplyPrecision).toBeCloseTo(2 / 3);
    expect(f.noReplyRecall).toBeCloseTo(2 / 3);
    expect(f.handoffShare).toBeCloseTo(4 / 12);
    expect(printed.text()).toMatch(/coverage\s+40\.0%\s+\(2 of 5/);
    expect(printed.text()).toMatch(/wrong answers\s+25\.0%\s+\(3 of 12/);
    expect(printed.text()).toMatch(/no_reply precision\s+66\.7%/);
    expect(printed.text()).toMatch(/no_reply recall\s+66\.7%/);
    expect(printed.text()).toMatch(/handoff share\s+33\.3%/);
    expect(r.brands[0]!.inThreads).toBe(1);

    // --out: replay's columns, then label and split; the window applied at 104's own date.
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('id,decision,entry,reason,confidence,intent,sentiment,priority,language,text,why,label,split');
    expect(rows).toHaveLength(13);
    expect(rows.find((l) => l.startsWith('103,'))).toMatch(/^103,answer,promo,/);
    expect(rows.find((l) => l.startsWith('104,'))).toMatch(/^104,handoff,,/);
    expect(rows.find((l) => l.startsWith('108,'))).toMatch(/^108,no_reply,,own_post,.*,no_reply,dev$/);
    // issue 15 no_reply: a thanks is decided no_reply on purpose (reason courtesy), scored from that decision.
    expect(rows.find((l) => l.startsWith('110,'))).toMatch(/^110,no_reply,,courtesy,/);
  });

  it("reports a look-alike that gets an entry's reply, deciding it inside the entry's window", async () => {
    const { setDir, datasets } = makeSet();
    const printed = sink();
    const r = await runReplayLabelled(
      { setDir, datasets, split: 'all' },
      { loadUnderstander: async () => createKeywordUnderstander(), out: printed.stream, progress: false },
    );
    const answered = r.brands[0]!.lookalikesAnswered.map((l) => [l.text, l.entryId]);
    expect(answered).toEqual([
      ['@acme_help my parcel arrived, not late', 'parcel-late'],
      ['@acme_help is there a promo code for teachers', 'promo'],
    ]);
    expect(printed.text()).toContain("look-alikes given an entry's reply: 2 of 3");
    expect(printed.text()).toContain('"@acme_help is there a promo code for teachers" -> promo at 2017-11-16 (expected handoff)');
  });

  it('keeps to the split asked for', async () => {
    const { setDir, datasets } = makeSet();
    const dev = MENTIONS.filter(([id]) => splitOf(id) === 'dev');
    expect(dev.length).toBeGreaterThan(0);
    expect(dev.length).toBeLessThan(MENTIONS.length);
    const r = await runReplayLabelled(
      { setDir, datasets, split: 'dev' },
      { loadUnderstander: async () => createKeywordUnderstander(), out: sink().stream, progress: false },
    );
    expect(r.brands[0]!.score.mentions).toBe(dev.length);
  });

  it('refuses a label that is no entry of the knowledge file, and a split that breaks the rule', async () => {
    const { setDir, datasets } = makeSet();
    const labels = path.join(setDir, 'acme', 'labels.csv');
    const good = readFileSync(labels, 'utf8');
    const run = () =>
      runReplayLabelled(
        { setDir, datasets, split: 'all' },
        { loadUnderstander: async () => createKeywordUnderstander(), out: sink().stream, progress: false },
      );
    writeFileSync(labels, good.replace('acme.csv,101,parcel-late', 'acme.csv,101,parcel-lat'));
    await expect(run()).rejects.toThrow(/labels\.csv:2: label "parcel-lat"/);
    writeFileSync(
      labels,
      good.replace(`acme.csv,101,parcel-late,${splitOf('101')}`, `acme.csv,101,parcel-late,${splitOf('101') === 'dev' ? 'final' : 'dev'}`),
    );
    await expect(run()).rejects.toThrow(/tweet 101 belongs to split/);
  });

  it("finds a thread's earlier customer tweets through the brand tweet between them", () => {
    const { datasets } = makeSet();
    const csv = readMentionsCsv(readFileSync(path.join(datasets, 'twcs', 'acme.csv'), 'utf8'), 'acme.csv');
    const thread = threadIndex(csv);
    const byId = new Map(csv.rows.map((m) => [m.id, m]));
    expect(thread(byId.get('112')!).map((m) => m.id)).toEqual(['111']);
    expect(thread(byId.get('111')!)).toEqual([]);
  });

  it('no_reply precision is undefined, not 0 or 100%, when nothing was decided no_reply', () => {
    const f = replayFigures(
      scoreReplay([
        { label: 'no_reply', decision: 'handoff' },
        { label: 'a', decision: 'answer', entryId: 'a' },
      ]),
    );
    expect(f.noReplyPrecision).toBeUndefined();
    expect(f.noReplyRecall).toBe(0);
    expect(f.coverage).toBe(1);
  });

  it('counts coverage of thread openers and of follow-ups apart, and prints both', () => {
    const s = scoreReplay([
      { label: 'a', decision: 'answer', entryId: 'a' },
      { label: 'a', decision: 'handoff' },
      { label: 'a', decision: 'answer', entryId: 'a', followUp: true },
      { label: 'a', decision: 'handoff', followUp: true },
      { label: 'a', decision: 'handoff', followUp: true },
      { label: 'handoff', decision: 'handoff', followUp: true },
    ]);
    expect(s).toMatchObject({ entryLabelled: 5, covered: 2, entryLabelledFollowUps: 3, coveredFollowUps: 1 });
    let text = '';
    printScore({ write: (c: string) => ((text += c), true) } as unknown as NodeJS.WritableStream, s);
    expect(text).toMatch(/of thread openers\s+50\.0%\s+\(1 of 2\); of follow-ups in a thread 33\.3% \(1 of 3\)/);
  });

  it('npm run eval hands every other evaluation to intents/eval/cli.ts unchanged', () => {
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist/bot/cli/eval.js'), 'no-such-set'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: npm run eval -- <clinc150|tweeteval|complaints|bitext>');
  });
});
