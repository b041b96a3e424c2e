import type { ClassScore } from './classify/intent-model.js';
import type { IntentExamples } from './intent-examples.js';

/** An active entry as a suggestion for a person: its id and the confidence the bot would have in it. */
export interface RankedEntry {
  entryId: string;
  confidence: number;
}

/**
 * The answer policy's ranking (answer-policy.ts) kept to the entries active for the mention, best
 * first, at most `limit`. Each gets the confidence the policy would give it were it the best: the
 * calibrated confidence of the ranking with it put first, so a close second reads as close.
 */
export function rankActiveEntries(
  ranked: readonly ClassScore[],
  active: readonly IntentExamples[],
  confidence: (rankedActive: readonly ClassScore[]) => number,
  limit: number,
): RankedEntry[] {
  const activeIds = new Set(active.map((e) => e.id));
  const entries = ranked.filter((c) => activeIds.has(c.label));
  return entries.slice(0, limit).map((c) => ({ entryId: c.label, confidence: confidence([c, ...entries.filter((o) => o !== c)]) }));
}
