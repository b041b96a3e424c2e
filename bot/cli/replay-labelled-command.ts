import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadKnowledgeFile } from '../../config/knowledge/load-knowledge.js';
import type { Knowledge } from '../../config/knowledge/schema.js';
import { loadSettings } from '../../config/settings.js';
import { parseCsv } from '../../shared/csv.js';
import { DEFAULT_DATASETS } from '../../intents/eval/datasets/labelled.js';
import { progressBar } from '../../shared/progress.js';
import type { Understander } from '../../intents/understanding.js';
import { previewMention } from '../turn/preview-turn.js';
import { csvLine, DECISION_COLUMNS, decisionFields, decisionKind } from './decision-csv.js';
import { loadUnderstander } from './load-understander.js';
import { inboundMentions, readMentionsCsv, threadIndex, type CsvMention } from './mentions-csv.js';
import {
  addScores,
  isEntryLabel,
  lookalikesAnswered,
  replayFigures,
  scoreReplay,
  type LookalikeDecision,
  type ReplayScore,
  type ScoredMention,
} from './replay-labelled-score.js';

export type Split = 'dev' | 'final' | 'all';

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

export interface BrandResult {
  brand: string;
  handle: string;
  score: ReplayScore;
  /** Labelled tweets not found in their source CSV. */
  missing: string[];
  /** Mentions that follow earlier customer tweets in their thread (decided with them as its thread). */
  inThreads: number;
  lookalikes: number;
  lookalikesAnswered: LookalikeDecision[];
}

export interface ReplayLabelledResult {
  brands: BrandResult[];
  overall: ReplayScore;
}

/** The handle each brand of the set is addressed by: BRAND_HANDLES when its mentions are decided. */
const BRAND_HANDLES: Record<string, string> = { spotify: '@SpotifyCares', apple: '@AppleSupport', chipotle: '@ChipotleTweets' };

const CHANNEL = 'x';
const LABEL_COLUMNS = ['source', 'tweet_id', 'label', 'split'];

interface LabelRow {
  source: string;
  tweetId: string;
  label: string;
  split: 'dev' | 'final';
}

/** The split rule of the set: final when sha256(tweet_id) starts with 0-5, else dev. */
export const splitOf = (tweetId: string): 'dev' | 'final' =>
  parseInt(createHash('sha256').update(tweetId).digest('hex')[0]!, 16) <= 5 ? 'final' : 'dev';

function readTable(content: string, file: string, columns: readonly string[]): Record<string, string>[] {
  const rows = parseCsv(content);
  const header = rows.shift()?.map((h) => h.trim()) ?? [];
  if (columns.some((c, i) => header[i] !== c))
    throw new Error(`${file}: the header must be ${columns.join(',')} (got ${header.join(',')})`);
  return rows.map((r, i) => {
    if (r.length !== columns.length) throw new Error(`${file}:${i + 2}: expected ${columns.length} fields, got ${r.length}`);
    return Object.fromEntries(columns.map((c, j) => [c, r[j]!.trim()]));
  });
}

async function readLabels(file: string, knowledge: Knowledge): Promise<LabelRow[]> {
  const entries = new Set(knowledge.entries.map((e) => e.id));
  return readTable(await readFile(file, 'utf8'), file, LABEL_COLUMNS).map((r, i) => {
    if (isEntryLabel(r.label!) && !entries.has(r.label!))
      throw new Error(`${file}:${i + 2}: label "${r.label}" is neither handoff, no_reply nor an entry of the knowledge file`);
    if (r.split !== splitOf(r.tweet_id!))
      throw new Error(`${file}:${i + 2}: tweet ${r.tweet_id} belongs to split ${splitOf(r.tweet_id!)}, not ${r.split}`);
    return { source: r.source!, tweetId: r.tweet_id!, label: r.label!, split: r.split };
  });
}

/**
 * The moments look-alikes are decided at: one inside each entry's window, so every entry can claim
 * them (now when no entry has a window).
 */
export function lookalikeMoments(knowledge: Knowledge, now = new Date()): Date[] {
  const moments = new Set<number>();
  for (const e of knowledge.entries) {
    if (!e.window?.start && !e.window?.end) continue;
    const start = e.window.start ? Date.parse(e.window.start) : Date.parse(e.window.end!) - 86_400_000;
    const end = e.window.end ? Date.parse(e.window.end) : start + 86_400_000;
    moments.add(Math.floor((start + end) / 2));
  }
  if (moments.size === 0) moments.add(now.getTime());
  return [...moments].sort((a, b) => a - b).map((t) => new Date(t));
}

/** The handle a brand is addressed by: known for the set's brands, else the one its customers write first. */
function brandHandle(brand: string, texts: readonly string[]): string {
  if (BRAND_HANDLES[brand]) return BRAND_HANDLES[brand];
  const counts = new Map<string, number>();
  for (const t of texts) {
    const first = /^\s*(@\w+)/.exec(t)?.[1];
    if (first) counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  if (!best) throw new Error(`no handle known for brand "${brand}"`);
  return best[0];
}

const pct = (x: number | undefined) => (x === undefined ? '  n/a' : `${(100 * x).toFixed(1)}%`.padStart(6));

function printScore(out: NodeJS.WritableStream, s: ReplayScore): void {
  const f = replayFigures(s);
  out.write(
    `  coverage           ${pct(f.coverage)}  (${s.covered} of ${s.entryLabelled} entry-labelled mentions answered with their entry; missed: ${s.missedToHandoff} handed off, ${s.missedToNoReply} no_reply, ${s.entryLabelled - s.covered - s.missedToHandoff - s.missedToNoReply} another entry)\n`,
  );
  out.write(
    `  wrong answers      ${pct(f.wrongAnswers)}  (${s.wrong} of ${s.mentions} mentions answered with an entry they are not labelled with: ${s.wrongOnHandoff} handoff, ${s.wrongOnNoReply} no_reply, ${s.wrongOnOtherEntry} another entry)\n`,
  );
  out.write(
    `  no_reply precision ${pct(f.noReplyPrecision)}  (${s.noReplyRight} of ${s.noReplyDecided} decided no_reply are labelled no_reply; ${s.noReplyOnHandoff} needed a person)\n`,
  );
  out.write(`  no_reply recall    ${pct(f.noReplyRecall)}  (${s.noReplyRight} of ${s.noReplyLabelled} labelled no_reply)\n`);
  out.write(`  handoff share      ${pct(f.handoffShare)}  (${s.handedOff} of ${s.mentions} mentions handed to a person)\n`);
}

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
  const brands = options.brands?.length
    ? [...options.brands]
    : (await readdir(setDir, { withFileTypes: true }))
        .filter((d) => d.isDirectory() && existsSync(path.join(setDir, d.name, 'labels.csv')))
        .map((d) => d.name)
        .sort();
  if (brands.length === 0) throw new Error(`no brand folder with a labels.csv in ${setDir}`);
  const settings = loadSettings();
  const noReply = options.noReply ?? settings.NO_REPLY_DECISIONS;
  out.write(
    `understanding ${settings.UNDERSTANDING}${settings.UNDERSTANDING === 'local' ? ` (${settings.EMBEDDINGS})` : ''}, ANSWER_THRESHOLD ${settings.ANSWER_THRESHOLD ?? 'default'}, channel ${CHANNEL}, split ${split}${noReply ? ', no_reply decisions on' : ''}\n`,
  );

  const base = await (deps.loadUnderstander ?? loadUnderstander)();
  const sources = new Map<string, { byId: Map<string, CsvMention>; thread: (m: CsvMention) => CsvMention[] }>();
  const source = async (name: string) => {
    if (!sources.has(name)) {
      const file = path.join(datasets, 'twcs', name);
      const csv = readMentionsCsv(await readFile(file, 'utf8'), file);
      sources.set(name, { byId: new Map(inboundMentions(csv).map((m) => [m.id, m])), thread: threadIndex(csv) });
    }
    return sources.get(name)!;
  };

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

    const found: { label: LabelRow; mention: CsvMention; earlier: string[] }[] = [];
    const missing: string[] = [];
    for (const label of labels) {
      const s = await source(label.source);
      const mention = s.byId.get(label.tweetId);
      if (mention) found.push({ label, mention, earlier: s.thread(mention).map((m) => m.text) });
      else missing.push(`${label.source}:${label.tweetId}`);
    }
    const handle = brandHandle(
      brand,
      found.map((f) => f.mention.text),
    );
    const decide = (text: string, at: Date, author?: string, earlier?: string[]) =>
      previewMention(
        understander,
        knowledge,
        { text, at, ...(author ? { author } : {}), ...(earlier?.length ? { earlier } : {}) },
        { channel: CHANNEL, brandHandles: [handle], noReply },
      );

    const moments = lookalikeMoments(knowledge);
    const bar =
      deps.progress === false ? undefined : progressBar(`${brand}: deciding mentions`, found.length + lookalikes.length * moments.length);
    const scored: ScoredMention[] = [];
    for (const { label, mention, earlier } of found) {
      const at = mention.createdAt ? new Date(mention.createdAt) : new Date();
      if (Number.isNaN(at.getTime())) throw new Error(`${label.source}:${label.tweetId}: unreadable created_at "${mention.createdAt}"`);
      const d = await decide(mention.text, at, mention.author, earlier);
      scored.push({ label: label.label, decision: decisionKind(d), ...(d.entryId ? { entryId: d.entryId } : {}) });
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
    out.write(
      `\n${brand} (${handle}, ${knowledge.entries.length} entries): ${found.length} mentions, split ${split}${missing.length ? `; ${missing.length} labelled tweet(s) not found in the source: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? '…' : ''}` : ''}\n`,
    );
    printScore(out, result.score);
    out.write(
      `  in threads         ${inThreads} of ${found.length} mentions follow earlier customer tweets (decided with them as their thread)\n`,
    );
    out.write(
      `  look-alikes given an entry's reply: ${result.lookalikesAnswered.length} of ${lookalikes.length} (each decided at ${moments.map((m) => m.toISOString().slice(0, 10)).join(', ')})\n`,
    );
    for (const l of result.lookalikesAnswered)
      out.write(`    ${JSON.stringify(l.text)} -> ${l.entryId} at ${l.at.toISOString().slice(0, 10)} (expected ${l.expect})\n`);
  }

  const overall = addScores(results.map((r) => r.score));
  if (results.length > 1) {
    const answered = results.reduce((n, r) => n + r.lookalikesAnswered.length, 0);
    out.write(
      `\noverall (${results.map((r) => r.brand).join(', ')}): ${overall.mentions} mentions, split ${split}${noReply ? ', no_reply decisions on' : ''}\n`,
    );
    printScore(out, overall);
    out.write(`  look-alikes given an entry's reply: ${answered} of ${results.reduce((n, r) => n + r.lookalikes, 0)}\n`);
  }
  if (options.out) {
    await writeFile(options.out, `${rows.join('\n')}\n`);
    out.write(`decisions written to ${options.out}\n`);
  }
  return { brands: results, overall };
}
