import { ratio, replayFigures, type LookalikeDecision, type ReplayScore } from './replay-labelled-score.js';

/** What one brand's replay found; the report prints it. */
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

const pct = (x: number | undefined) => (x === undefined ? '  n/a' : `${(100 * x).toFixed(1)}%`.padStart(6));

/** The figures of a score, one per line. */
export function printScore(out: NodeJS.WritableStream, s: ReplayScore): void {
  const f = replayFigures(s);
  out.write(
    `  coverage           ${pct(f.coverage)}  (${s.covered} of ${s.entryLabelled} entry-labelled mentions answered with their entry; missed: ${s.missedToHandoff} handed off, ${s.missedToNoReply} no_reply, ${s.entryLabelled - s.covered - s.missedToHandoff - s.missedToNoReply} another entry)\n`,
  );
  if (s.entryLabelledFollowUps > 0) {
    const openers = s.entryLabelled - s.entryLabelledFollowUps;
    out.write(
      `    of thread openers ${pct(ratio(s.covered - s.coveredFollowUps, openers))}  (${s.covered - s.coveredFollowUps} of ${openers}); of follow-ups in a thread ${pct(ratio(s.coveredFollowUps, s.entryLabelledFollowUps)).trim()} (${s.coveredFollowUps} of ${s.entryLabelledFollowUps})\n`,
    );
  }
  out.write(
    `  wrong answers      ${pct(f.wrongAnswers)}  (${s.wrong} of ${s.mentions} mentions answered with an entry they are not labelled with: ${s.wrongOnHandoff} handoff, ${s.wrongOnNoReply} no_reply, ${s.wrongOnOtherEntry} another entry)\n`,
  );
  out.write(
    `  no_reply precision ${pct(f.noReplyPrecision)}  (${s.noReplyRight} of ${s.noReplyDecided} decided no_reply are labelled no_reply; ${s.noReplyOnHandoff} needed a person)\n`,
  );
  out.write(`  no_reply recall    ${pct(f.noReplyRecall)}  (${s.noReplyRight} of ${s.noReplyLabelled} labelled no_reply)\n`);
  out.write(`  handoff share      ${pct(f.handoffShare)}  (${s.handedOff} of ${s.mentions} mentions handed to a person)\n`);
}

/** One brand's figures, its look-alikes answered listed. */
export function printBrand(
  out: NodeJS.WritableStream,
  result: BrandResult,
  of: { entries: number; mentions: number; split: string; moments: readonly Date[] },
): void {
  const { brand, handle, missing, inThreads } = result;
  out.write(
    `\n${brand} (${handle}, ${of.entries} entries): ${of.mentions} mentions, split ${of.split}${missing.length ? `; ${missing.length} labelled tweet(s) not found in the source: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? '…' : ''}` : ''}\n`,
  );
  printScore(out, result.score);
  out.write(
    `  in threads         ${inThreads} of ${of.mentions} mentions follow earlier customer tweets (decided with them as their thread)\n`,
  );
  out.write(
    `  look-alikes given an entry's reply: ${result.lookalikesAnswered.length} of ${result.lookalikes} (each decided at ${of.moments.map((m) => m.toISOString().slice(0, 10)).join(', ')})\n`,
  );
  for (const l of result.lookalikesAnswered)
    out.write(`    ${JSON.stringify(l.text)} -> ${l.entryId} at ${l.at.toISOString().slice(0, 10)} (expected ${l.expect})\n`);
}

/** Every brand's scores added up (`run`: the split and options the brands were decided with). */
export function printOverall(out: NodeJS.WritableStream, results: readonly BrandResult[], overall: ReplayScore, run: string): void {
  const answered = results.reduce((n, r) => n + r.lookalikesAnswered.length, 0);
  out.write(`\noverall (${results.map((r) => r.brand).join(', ')}): ${overall.mentions} mentions, ${run}\n`);
  printScore(out, overall);
  out.write(`  look-alikes given an entry's reply: ${answered} of ${results.reduce((n, r) => n + r.lookalikes, 0)}\n`);
}
