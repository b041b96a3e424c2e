import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCsv } from '../../shared/csv.js';
import { DEFAULT_DATASETS } from '../../intents/eval/datasets/labelled.js';
import { progressBar } from '../../shared/progress.js';
import { priorityReasonOf } from '../../handoff/queue-labels.js';
import type { Understander, Understanding } from '../../intents/understanding.js';
import { loadUnderstander } from './load-understander.js';
import { inboundMentions, readMentionsCsv, type CsvMention } from './mentions-csv.js';
import { labelledBrands, type Split } from './labelled-set.js';

const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;

export interface PriorityOptions {
  split?: Split;
  /** Example texts printed under each top reason (0: none). */
  examples?: number;
  setDir?: string;
  datasets?: string;
}

export interface PriorityShares {
  source: string;
  mentions: number;
  counts: Record<string, number>;
  /** Reasons of urgent and high mentions, most frequent first. */
  reasons: [string, number][];
}

/** The labelled replay set's tweets of a split, read from their sources (labels are not needed here). */
async function labelledMentions(setDir: string, datasets: string, split: Split): Promise<CsvMention[]> {
  const wanted = new Map<string, Set<string>>();
  for (const brand of await labelledBrands(setDir)) {
    const rows = parseCsv(await readFile(path.join(setDir, brand, 'labels.csv'), 'utf8')).slice(1);
    for (const [source, id, , rowSplit] of rows) {
      if (!source || !id || (split !== 'all' && rowSplit?.trim() !== split)) continue;
      if (!wanted.has(source)) wanted.set(source, new Set());
      wanted.get(source)!.add(id.trim());
    }
  }
  const found: CsvMention[] = [];
  for (const [source, ids] of wanted) {
    const file = path.join(datasets, 'twcs', source);
    found.push(...inboundMentions(readMentionsCsv(await readFile(file, 'utf8'), file)).filter((m) => ids.has(m.id)));
  }
  return found;
}

async function measure(
  understander: Understander,
  source: string,
  mentions: readonly CsvMention[],
  examples: Map<string, string[]>,
  keep: number,
): Promise<PriorityShares> {
  const counts: Record<string, number> = Object.fromEntries(PRIORITIES.map((p) => [p, 0]));
  const reasons = new Map<string, number>();
  // Progress on a terminal only: a log file gets the summary alone.
  const bar = process.stderr.isTTY ? progressBar(`${source}: ranking mentions`, mentions.length) : undefined;
  for (const m of mentions) {
    const u: Understanding = await understander.understand({ text: m.text, channel: 'x' });
    const priority = u.priority ?? 'normal';
    counts[priority] = (counts[priority] ?? 0) + 1;
    if (priority === 'urgent' || priority === 'high') {
      const reason = `${priority}: ${priorityReasonOf(m.text, u) ?? 'no reason'}`;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      const seen = examples.get(reason) ?? [];
      if (seen.length < keep) examples.set(reason, [...seen, m.text.replace(/\s+/g, ' ').slice(0, 160)]);
    }
    bar?.tick(1);
  }
  bar?.done();
  return { source, mentions: mentions.length, counts, reasons: [...reasons.entries()].sort((a, b) => b[1] - a[1]) };
}

const pct = (n: number, of: number) => `${of ? ((100 * n) / of).toFixed(1) : '0.0'}%`.padStart(6);

function print(out: NodeJS.WritableStream, s: PriorityShares, examples: Map<string, string[]>): void {
  out.write(`\n${s.source}: ${s.mentions} inbound mentions\n`);
  for (const p of PRIORITIES) out.write(`  ${p.padEnd(7)} ${pct(s.counts[p] ?? 0, s.mentions)}  (${s.counts[p] ?? 0})\n`);
  out.write('  top reasons (urgent and high):\n');
  for (const [reason, n] of s.reasons.slice(0, 12)) {
    out.write(`    ${String(n).padStart(4)}  ${reason}\n`);
    for (const text of examples.get(reason) ?? []) out.write(`            ${JSON.stringify(text)}\n`);
  }
}

/**
 * `npm run eval -- priority [--split dev|final|all] [--examples N]`: the share of each handoff priority
 * the service gives real mentions (the labelled replay set's tweets of a split, and every inbound
 * tweet of twcs-head5000.csv), with the most frequent reasons for urgent and high.
 */
export async function runPriority(options: PriorityOptions = {}, out: NodeJS.WritableStream = process.stdout): Promise<PriorityShares[]> {
  const datasets = options.datasets ?? DEFAULT_DATASETS;
  const split = options.split ?? 'dev';
  const understander = await loadUnderstander();
  await understander.train([]);
  const head = path.join(datasets, 'twcs', 'twcs-head5000.csv');
  const sets: [string, CsvMention[]][] = [
    [
      `labelled replay set (split ${split})`,
      await labelledMentions(options.setDir ?? path.resolve('test/replay-labelled'), datasets, split),
    ],
    ['twcs-head5000.csv', inboundMentions(readMentionsCsv(await readFile(head, 'utf8'), head))],
  ];
  const results: PriorityShares[] = [];
  for (const [source, mentions] of sets) {
    const examples = new Map<string, string[]>();
    const shares = await measure(understander, source, mentions, examples, options.examples ?? 0);
    print(out, shares, examples);
    results.push(shares);
  }
  out.write('\nsummary: urgent+high share ');
  out.write(`${results.map((r) => `${r.source} ${pct((r.counts.urgent ?? 0) + (r.counts.high ?? 0), r.mentions).trim()}`).join(', ')}\n`);
  return results;
}
