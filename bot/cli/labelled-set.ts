import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import type { Knowledge } from '../../config/knowledge/schema.js';
import path from 'node:path';
import { parseCsv } from '../../shared/csv.js';
import { inboundMentions, readMentionsCsv, threadIndex, type CsvMention } from './mentions-csv.js';
import { isEntryLabel } from './replay-labelled-score.js';

/** The hand-labelled set's files (test/replay-labelled/<brand>/): labels, look-alikes, and how each brand is addressed. */

export type Split = 'dev' | 'final' | 'all';

/** The handle each brand of the set is addressed by: BRAND_HANDLES when its mentions are decided. */
const BRAND_HANDLES: Record<string, string> = {
  spotify: '@SpotifyCares',
  apple: '@AppleSupport',
  chipotle: '@ChipotleTweets',
  amazon: '@AmazonHelp',
  tmobile: '@TMobileHelp',
  comcast: '@comcastcares',
  delta: '@Delta',
  'british-airways': '@British_Airways',
  playstation: '@AskPlayStation',
  southwest: '@SouthwestAir',
  verizon: '@VerizonSupport',
};

const LABEL_COLUMNS = ['source', 'tweet_id', 'label', 'split'];

export interface LabelRow {
  source: string;
  tweetId: string;
  label: string;
  split: 'dev' | 'final';
}

/** The split rule of the set: final when sha256(tweet_id) starts with 0-5, else dev. */
export const splitOf = (tweetId: string): 'dev' | 'final' =>
  parseInt(createHash('sha256').update(tweetId).digest('hex')[0]!, 16) <= 5 ? 'final' : 'dev';

export function readTable(content: string, file: string, columns: readonly string[]): Record<string, string>[] {
  const rows = parseCsv(content);
  const header = rows.shift()?.map((h) => h.trim()) ?? [];
  if (columns.some((c, i) => header[i] !== c))
    throw new Error(`${file}: the header must be ${columns.join(',')} (got ${header.join(',')})`);
  return rows.map((r, i) => {
    if (r.length !== columns.length) throw new Error(`${file}:${i + 2}: expected ${columns.length} fields, got ${r.length}`);
    return Object.fromEntries(columns.map((c, j) => [c, r[j]!.trim()]));
  });
}

export async function readLabels(file: string, knowledge: Knowledge): Promise<LabelRow[]> {
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
export function brandHandle(brand: string, texts: readonly string[]): string {
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

/** A source CSV of the set (under <datasets>/twcs/): its inbound mentions by id, and each one's thread before it. */
export interface LabelledSource {
  byId: Map<string, CsvMention>;
  thread: (m: CsvMention) => CsvMention[];
}

/** Reads each source CSV once, when a label first names it. */
export function labelledSources(datasets: string): (name: string) => Promise<LabelledSource> {
  const sources = new Map<string, LabelledSource>();
  return async (name) => {
    if (!sources.has(name)) {
      const file = path.join(datasets, 'twcs', name);
      const csv = readMentionsCsv(await readFile(file, 'utf8'), file);
      sources.set(name, { byId: new Map(inboundMentions(csv).map((m) => [m.id, m])), thread: threadIndex(csv) });
    }
    return sources.get(name)!;
  };
}

/** The brand folders of the set: those with a labels.csv, by name. */
export async function labelledBrands(setDir: string): Promise<string[]> {
  return (await readdir(setDir, { withFileTypes: true }))
    .filter((d) => d.isDirectory() && existsSync(path.join(setDir, d.name, 'labels.csv')))
    .map((d) => d.name)
    .sort();
}
