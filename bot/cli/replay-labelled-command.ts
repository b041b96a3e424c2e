import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadKnowledgeFile } from '../../config/knowledge/load-knowledge.js';
import { loadSettings } from '../../config/settings.js';
import { DEFAULT_DATASETS } from '../../intents/eval/datasets/labelled.js';
import type { Understander } from '../../intents/understanding.js';
import { progressBar } from '../../shared/progress.js';
import { previewMention, type EarlierPost } from '../turn/preview-turn.js';
import { csvLine, DECISION_COLUMNS, decisionFields, decisionKind } from './decision-csv.js';
import {
  brandHandle,
  labelledBrands,
  labelledSources,
  lookalikeMoments,
  readLabels,
  readTable,
  type LabelRow,
  type Split,
} from './labelled-set.js';
import { loadUnderstander } from './load-understander.js';
import type { CsvMention } from './mentions-csv.js';
import { printBrand, printOverall, type BrandResult } from './replay-labelled-report.js';
import {
  addScores,
  lookalikesAnswered,
  scoreReplay,
  type LookalikeDecision,
  type ReplayScore,
  type ScoredMention,
} from './replay-labelled-score.js';

export type { BrandResult } from './replay-labelled-report.js';

export interface ReplayLabelledOptions {
  /** Brand folders to run (default: every folder of the set with a labels.csv). */
  brands?: readonly string[];
  split?: Split;
  /** Write one row per mention: replay's --out columns, then label and split. */
  out?: string;
  /** The labelled set (default test/replay-labelled). */
  setDir?: string;
  /** Where the sources are read (default ../shared/datasets or FIRST_REPLY_DATASETS). */
  datasets?: string;
  /** Decide thanks, praise, spam and noise as no_reply (default NO_REPLY_DECISIONS). */
  noReply?: boolean;
}

export interface ReplayLabelledDeps {
  /** The understanding to decide with (default: the service's, from the settings). */
  loadUnderstander?: () => Promise<Understander>;
  out?: NodeJS.WritableStream;
  /** Progress bars on stderr (default on). */
  progress?: boolean;
}

export interface ReplayLabelledResult {
  brands: BrandResult[];
  overall: ReplayScore;
}

const CHANNEL = 'x';
/**
 * `npm run eval -- replay-labelled [brand…] [--split dev|final|all] [--out decisions.csv]`: decides
 * every labelled mention of test/replay-labelled as the service would (its understanding trained on
 * the brand's knowledge file, the brand's handle as BRAND_HANDLES, channel x, at the tweet's own
 * time) and prints coverage, wrong answers, no_reply precision and recall, the handoff share and the
 * look-alikes that got an entry's reply, per brand and overall.
 */
export async function runReplayLabelled(options: ReplayLabelledOptions = {}, deps: ReplayLabelledDeps = {}): Promise<ReplayLabelledResult> {
  const out = deps.out ?? process.stdout;
  const setDir = options.setDir ?? path.resolve('test/replay-labelled');
  const datasets = options.datasets ?? DEFAULT_DATASETS;
  const split = options.split ?? 'dev';
  const brands = options.brands?.length ? [...options.brands] : await labelledBrands(setDir);
  if (brands.length === 0) throw new Error(`no brand folder with a labels.csv in ${setDir}`);
  const settings = loadSettings();
  const noReply = options.noReply ?? settings.NO_REPLY_DECISIONS;
  out.write(
    `understanding ${settings.UNDERSTANDING}${settings.UNDERSTANDING === 'local' ? ` (${settings.EMBEDDINGS})` : ''}, ANSWER_THRESHOLD ${settings.ANSWER_THRESHOLD ?? 'default'}, channel ${CHANNEL}, split ${split}${noReply ? `, no_reply decisions on (a courtesy up to ${settings.COURTESY_MAX_WORDS} words)` : ''}\n`,
  );

  const base = await (deps.loadUnderstander ?? loadUnderstander)();
  const source = labelledSources(datasets);

  const rows: string[] = [csvLine([...DECISION_COLUMNS, 'label', 'split'])];
  const results: BrandResult[] = [];
  for (const brand of brands) {
    const dir = path.join(setDir, brand);
    const knowledge = await loadKnowledgeFile(path.join(dir, 'knowledge.yaml'));
    const labels = (await readLabels(path.join(dir, 'labels.csv'), knowledge)).filter((l) => split === 'all' || l.split === split);
    const lookalikes = existsSync(path.join(dir, 'lookalikes.csv'))
      ? readTable(await readFile(path.join(dir, 'lookalikes.csv'), 'utf8'), path.join(dir, 'lookalikes.csv'), ['text', 'expect'])
      : [];
    const understander = base.fork ? base.fork() : base;
    await understander.train(knowledge.entries);

    const found: { label: LabelRow; mention: CsvMention; earlier: EarlierPost[] }[] = [];
    const missing: string[] = [];
    for (const label of labels) {
      const s = await source(label.source);
      const mention = s.byId.get(label.tweetId);
      // Each earlier post keeps its author: another customer's post is no follow-up of this one's.
      if (mention) found.push({ label, mention, earlier: s.thread(mention).map((m) => ({ text: m.text, author: m.author })) });
      else missing.push(`${label.source}:${label.tweetId}`);
    }
    const handle = brandHandle(
      brand,
      found.map((f) => f.mention.text),
    );
    const decide = (text: string, at: Date, author?: string, earlier?: EarlierPost[]) =>
      previewMention(
        understander,
        knowledge,
        { text, at, ...(author ? { author } : {}), ...(earlier?.length ? { earlier } : {}) },
        { channel: CHANNEL, brandHandles: [handle], noReply, courtesyWords: settings.COURTESY_MAX_WORDS },
      );

    const moments = lookalikeMoments(knowledge);
    const bar =
      deps.progress === false ? undefined : progressBar(`${brand}: deciding mentions`, found.length + lookalikes.length * moments.length);
    const scored: ScoredMention[] = [];
    for (const { label, mention, earlier } of found) {
      const at = mention.createdAt ? new Date(mention.createdAt) : new Date();
      if (Number.isNaN(at.getTime())) throw new Error(`${label.source}:${label.tweetId}: unreadable created_at "${mention.createdAt}"`);
      const d = await decide(mention.text, at, mention.author, earlier);
      scored.push({
        label: label.label,
        decision: decisionKind(d),
        ...(d.entryId ? { entryId: d.entryId } : {}),
        ...(earlier.length ? { followUp: true } : {}),
      });
      rows.push(csvLine([...decisionFields(mention.id, d, mention.text), label.label, label.split]));
      bar?.tick(1);
    }
    const lookalikeDecisions: LookalikeDecision[] = [];
    for (const l of lookalikes) {
      for (const at of moments) {
        const d = await decide(l.text!, at);
        lookalikeDecisions.push({
          text: l.text!,
          expect: l.expect!,
          at,
          decision: decisionKind(d),
          ...(d.entryId ? { entryId: d.entryId } : {}),
        });
        bar?.tick(1);
      }
    }
    bar?.done();

    const inThreads = found.filter((f) => f.earlier.length > 0).length;
    const result: BrandResult = {
      brand,
      handle,
      score: scoreReplay(scored),
      missing,
      inThreads,
      lookalikes: lookalikes.length,
      lookalikesAnswered: lookalikesAnswered(lookalikeDecisions),
    };
    results.push(result);
    printBrand(out, result, { entries: knowledge.entries.length, mentions: found.length, split, moments });
  }

  const overall = addScores(results.map((r) => r.score));
  if (results.length > 1) printOverall(out, results, overall, `split ${split}${noReply ? ', no_reply decisions on' : ''}`);
  if (options.out) {
    await writeFile(options.out, `${rows.join('\n')}\n`);
    out.write(`decisions written to ${options.out}\n`);
  }
  return { brands: results, overall };
}
