import type { EntryMentionDetail } from './learning-curve-walk.js';
import { ratio, type ReplayScore } from './replay-labelled-score.js';

export interface LearningRun {
  learn: boolean;
  first: ReplayScore;
  last: ReplayScore;
  learned: number;
  publishes: number;
}

export interface LearningBrand {
  brand: string;
  mentions: number;
  without: LearningRun;
  with: LearningRun;
}

const pct = (n: number, of: number) => {
  const r = ratio(n, of);
  return r === undefined ? '   n/a' : `${(100 * r).toFixed(1)}%`.padStart(6);
};

const line = (name: string, s: ReplayScore) =>
  `    ${name.padEnd(11)} coverage ${pct(s.covered, s.entryLabelled)} (${s.covered}/${s.entryLabelled})   wrong ${pct(s.wrong, s.mentions)} (${s.wrong}/${s.mentions})\n`;

function printPair(out: NodeJS.WritableStream, pair: { first: ReplayScore; last: ReplayScore }, label: string) {
  out.write(`  ${label}\n${line('first third', pair.first)}${line('last third', pair.last)}`);
}

/** Per brand, then pooled: the first and last third without and with learning, and the last third's gain. */
export function printLearning(
  out: NodeJS.WritableStream,
  brands: readonly LearningBrand[],
  pooled: { without: { first: ReplayScore; last: ReplayScore }; with: { first: ReplayScore; last: ReplayScore } },
): void {
  for (const b of brands) {
    out.write(`\n${b.brand}: ${b.mentions} mentions in time order\n`);
    printPair(out, b.without, 'without learning');
    printPair(out, b.with, `with learning (${b.with.learned} examples accepted over ${b.with.publishes} publishes)`);
  }
  out.write(`\nall brands pooled\n`);
  printPair(out, pooled.without, 'without learning');
  printPair(out, pooled.with, 'with learning');
  const gain = (s: ReplayScore) => ratio(s.covered, s.entryLabelled) ?? 0;
  const points = 100 * (gain(pooled.with.last) - gain(pooled.without.last));
  const wrong = ratio(pooled.with.last.wrong, pooled.with.last.mentions) ?? 0;
  out.write(
    `\nlast third: coverage ${points >= 0 ? '+' : ''}${points.toFixed(1)} points with learning (target +20); wrong answers ${(100 * wrong).toFixed(1)}% (target at most 1%)\n`,
  );
}

/** One entry-labelled mention of a walk: its third, what was decided and why, and what had been learned of its entry. */
export function detailLine(learn: boolean, total: number, d: EntryMentionDetail): string {
  const third = Math.floor(total / 3);
  const part = d.index < third ? 'first' : d.index >= total - third ? 'last ' : 'mid  ';
  const got = d.decision === 'answer' ? `answer ${d.entryId}` : d.decision;
  const conf = d.confidence === undefined ? '' : ` ${d.confidence.toFixed(2)}`;
  const text = d.text.replace(/\s+/g, ' ').slice(0, 70);
  return `  ${learn ? 'with   ' : 'without'} #${String(d.index).padStart(3)} ${part} ${d.label} -> ${got} (${d.reason}${conf}) learned ${d.learnedForEntry}${d.opensThread ? '' : ' [in thread]'} | ${text}\n`;
}
