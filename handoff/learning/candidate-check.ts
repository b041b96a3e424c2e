import type { IntentExamples } from '../../intents/intent-examples.js';
import { contentStems } from '../../intents/keyword-understander.js';
import { DEVICE_STEMS } from '../../intents/device-cues.js';
import type { Understander } from '../../intents/understanding.js';

/**
 * Why a candidate example would make the bot worse rather than better, as the editors' review shows
 * it and the learning eval's simulated editor heeds it (issue 19). An example is taught as the
 * entry's nearest-neighbour and its words as the entry's vocabulary, so one that does not read as the
 * entry draws other mentions to it:
 * - `vague`: too few words of its own to say what it is about ("so why is this happening").
 * - `nearer_background`: the live model reads it as something no entry covers (a built-in topic,
 *   chatter) rather than the entry.
 * - `nearer_other_entry`: the live model ranks another entry above this one.
 * - `look_alike`: the entry's own verifier reads it as a look-alike of the entry (its examples and
 *   wording say a real match looks otherwise).
 * Negative examples are never warned about: they are look-alikes on purpose.
 */
export type CandidateWarning = 'vague' | 'nearer_background' | 'nearer_other_entry' | 'look_alike';

/** Fewer content words than this (device names and figures aside) say too little to teach an entry. */
export const VAGUE_BELOW = 3;

/** How the live model reads a candidate's text. */
export interface CandidateReading {
  /** A background class beat every entry. */
  background: boolean;
  /** The active entry ranked first, if any. */
  bestEntryId?: string;
  /** Answered with the best entry but for the verifier's look-alike cues. */
  lookalike: boolean;
}

const isFigure = (w: string) => /^\p{N}+$/u.test(w);

/** The content words that say what a text is about (device names and bare figures say too little). */
export function topicWords(text: string): string[] {
  return [...new Set(contentStems(text))].filter((w) => !DEVICE_STEMS.has(w) && !isFigure(w));
}

/** How the understander, trained on the live file, reads `text` at `at` on `channel`. */
export async function readCandidate(understander: Understander, text: string, channel: string, at: Date): Promise<CandidateReading> {
  const mention = { text, channel, at };
  const understood = await understander.understand(mention);
  const scores = understood.scores ?? {};
  const [best] = understander.rankEntries ? await understander.rankEntries(mention, 1) : [];
  return {
    background: scores['answer.background'] === 1,
    ...(best ? { bestEntryId: best.entryId } : understood.entryId ? { bestEntryId: understood.entryId } : {}),
    lookalike: Object.keys(scores).some((k) => k.startsWith('answer.lookalike.')),
  };
}

/** The warnings for a candidate example of `entry` (none: an editor may accept it as it is). */
export function candidateWarnings(text: string, entry: Pick<IntentExamples, 'id'>, reading: CandidateReading): CandidateWarning[] {
  const warnings: CandidateWarning[] = [];
  if (topicWords(text).length < VAGUE_BELOW) warnings.push('vague');
  if (reading.background) warnings.push('nearer_background');
  else if (reading.bestEntryId !== undefined && reading.bestEntryId !== entry.id) warnings.push('nearer_other_entry');
  else if (reading.lookalike) warnings.push('look_alike');
  return warnings;
}

/** Reads and checks a candidate example against the live understander. */
export async function checkCandidate(
  understander: Understander,
  entry: Pick<IntentExamples, 'id'>,
  text: string,
  channel: string,
  at: Date,
): Promise<CandidateWarning[]> {
  return candidateWarnings(text, entry, await readCandidate(understander, text, channel, at));
}
