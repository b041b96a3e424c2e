import type { AcceptedExample, MentionDetail } from './learning-curve-walk.js';
import { ratio, type LookalikeDecision, type ReplayScore } from './replay-labelled-score.js';

export interface LearningRun {
  learn: boolean;
  first: ReplayScore;
  last: ReplayScore;
  /** The whole walk: what learning costs in wrong answers before the last third too. */
  all: ReplayScore;
  learned: number;
  publishes: number;
  /** Look-alikes given another entry's reply by the model as the walk left it. */
  lookalikesAnswered: LookalikeDecision[];
}

export interface LearningBrand {
  brand: string;
  mentions: number;
  /** Look-alike phrasings of the brand (lookalikes.csv). */
  lookalikes: number;
  without: LearningRun;
  with: LearningRun;
}

const pct = (n: number, of: number) => {
  const r = ratio(n, of);
  return r === undefined ? '   n/a' : `${(100 * r).toFixed(1)}%`.padStart(6);
};

const line = (name: string, s: ReplayScore) =>
  `    ${name.padEnd(11)} coverage ${pct(s.covered, s.entryLabelled)} (${s.covered}/${s.entryLabelled})   wrong ${pct(s.wrong, s.mentions)} (${s.wrong}/${s.mentions})\n`;

function printPair(out: NodeJS.WritableStream, pair: { first: ReplayScore; last: ReplayScore; all: ReplayScore }, label: string) {
  out.write(`  ${label}\n${line('first third', pair.first)}${line('last third', pair.last)}${line('whole walk', pair.all)}`);
}

type Thirds = { first: ReplayScore; last: ReplayScore; all: ReplayScore };

/** Per brand, then pooled: the first and last third without and with learning, and the last third's gain. */
export function printLearning(
  out: NodeJS.WritableStream,
  brands: readonly LearningBrand[],
  pooled: { without: Thirds; with: Thirds },
): void {
  for (const b of brands) {
    out.write(`\n${b.brand}: ${b.mentions} mentions in time order\n`);
    printPair(out, b.without, 'without learning');
    printPair(out, b.with, `with learning (${b.with.learned} examples accepted over ${b.with.publishes} publishes)`);
    printLookalikes(out, b);
  }
  out.write(`\nall brands pooled\n`);
  printPair(out, pooled.without, 'without learning');
  printPair(out, pooled.with, 'with learning');
  const answered = (run: 'without' | 'with') => brands.reduce((n, b) => n + b[run].lookalikesAnswered.length, 0);
  const of = brands.reduce((n, b) => n + b.lookalikes, 0);
  out.write(
    `  look-alikes given an entry's reply at the end of the walk: ${answered('without')} of ${of} without, ${answered('with')} with\n`,
  );
  const gain = (s: ReplayScore) => ratio(s.covered, s.entryLabelled) ?? 0;
  const points = 100 * (gain(pooled.with.last) - gain(pooled.without.last));
  const wrong = ratio(pooled.with.last.wrong, pooled.with.last.mentions) ?? 0;
  const wholeWrong = ratio(pooled.with.all.wrong, pooled.with.all.mentions) ?? 0;
  out.write(
    `\nlast third: coverage ${points >= 0 ? '+' : ''}${points.toFixed(1)} points with learning (target +20); wrong answers ${(100 * wrong).toFixed(1)}% (target at most 1%); whole walk with learning: wrong answers ${(100 * wholeWrong).toFixed(1)}%\n`,
  );
}

/** The look-alikes each walk's last model answers, and those only the learned examples made it answer. */
function printLookalikes(out: NodeJS.WritableStream, b: LearningBrand): void {
  const before = new Set(b.without.lookalikesAnswered.map((l) => l.text));
  out.write(
    `  look-alikes given an entry's reply at the end of the walk: ${b.without.lookalikesAnswered.length} of ${b.lookalikes} without, ${b.with.lookalikesAnswered.length} with\n`,
  );
  for (const l of b.with.lookalikesAnswered.filter((l) => !before.has(l.text)))
    out.write(`    new with learning: "${l.text}" -> ${l.entryId} (expected ${l.expect})\n`);
}

/** Which third of a walk of `total` scored mentions a mention is in. */
function thirdOf(index: number, total: number): string {
  const third = Math.floor(total / 3);
  return index < third ? 'first' : index >= total - third ? 'last ' : 'mid  ';
}

/**
 * One entry-labelled or answered mention of a walk: its third, what was decided and why, what had been
 * learned of its entry, and WRONG when the reply was another entry's or none was due.
 */
export function detailLine(learn: boolean, total: number, d: MentionDetail): string {
  const part = thirdOf(d.index, total);
  const wrong = d.decision === 'answer' && d.entryId !== d.label ? ' WRONG' : '';
  const got = d.decision === 'answer' ? `answer ${d.entryId}${wrong}` : d.decision;
  const conf = d.confidence === undefined ? '' : ` ${d.confidence.toFixed(2)}`;
  const text = d.text.replace(/\s+/g, ' ').slice(0, 70);
  return `  ${learn ? 'with   ' : 'without'} #${String(d.index).padStart(3)} ${part} ${d.label} -> ${got} (${d.reason}${conf}) learned ${d.learnedForEntry}${d.opensThread ? '' : ' [in thread]'} | ${text}\n`;
}

/** One publish of a walk with learning: the examples it accepted, after which scored mention. */
export function publishLines(total: number, afterIndex: number, accepted: readonly AcceptedExample[]): string {
  const head = `  publish after #${String(afterIndex).padStart(3)} ${thirdOf(afterIndex, total)}: ${accepted.length} examples accepted\n`;
  return head + accepted.map((a) => `      + ${a.entryId}: ${a.text.replace(/\s+/g, ' ').slice(0, 90)}\n`).join('');
}
