import type { IntentExamples } from './intent-examples.js';
import type { ClassScore } from './classify/intent-model.js';

export interface PolicyInput {
  /** Knowledge entries ranked best first (any entries: the policy filters to the active ones). */
  ranked: readonly ClassScore[];
  /** Entries active for the mention's channel and time (see isIntentActive). */
  active: readonly IntentExamples[];
  /** Calibrated P(answer is right) from the ranking restricted to active entries. */
  confidence: (rankedActive: readonly ClassScore[]) => number;
  /** Answer only at or above this confidence. */
  threshold: number;
  /**
   * Background classes (built-in intents, common off-topic mentions) ranked with the entries: when
   * one of them beats every active entry, the mention is about something else and is handed off.
   */
  isBackground?: (label: string) => boolean;
  /**
   * Background classes that already win when they are as close as the entry by nearest example or
   * by centroid, whatever the combined score (negative examples: few phrasings, written to sit right
   * next to the entry's own).
   */
  winsOnNearest?: (label: string) => boolean;
  /**
   * The entry a background class speaks against, when it speaks against one only (an entry's
   * negative examples): it never takes a mention away from another entry.
   */
  againstEntry?: (label: string) => string | undefined;
}

export type AnswerDecision =
  | { action: 'answer'; entryId: string; confidence: number; scores: Record<string, number> }
  | {
      action: 'handoff';
      reason: 'no_active_entry' | 'below_threshold';
      confidence: number;
      bestEntryId?: string;
      /** The background class that read closer than every entry, when one did, and its example nearest the mention. */
      backgroundLabel?: string;
      backgroundExample?: string | undefined;
      scores: Record<string, number>;
    };

/**
 * The least cosine similarity between the mention and the entry's nearest example for an answer,
 * whatever the calibrated confidence. Under every right answer of the labelled set's dev split.
 */
export const WEAK_MATCH_NEAREST = 0.55;

/**
 * Answer with a knowledge entry or acknowledge and hand off. Only active entries compete (an inactive
 * entry can never be picked, nor push an active one down), and only above the calibrated threshold.
 */
export function decideAnswer(input: PolicyInput): AnswerDecision {
  const activeIds = new Set(input.active.map((e) => e.id));
  const background = input.isBackground ?? (() => false);
  const bestEntry = input.ranked.find((c) => activeIds.has(c.label));
  const againstEntry = input.againstEntry ?? (() => undefined);
  const speaksAgainst = (label: string) => {
    const entry = againstEntry(label);
    return entry === undefined || entry === bestEntry?.label;
  };
  const rankedActive = input.ranked.filter((c) => activeIds.has(c.label) || (background(c.label) && speaksAgainst(c.label)));
  if (!bestEntry) return { action: 'handoff', reason: 'no_active_entry', confidence: 0, scores: { threshold: input.threshold } };
  const winsOnNearest = input.winsOnNearest ?? (() => false);
  const closeness = (c: ClassScore) => Math.max(c.nearest, c.centroid);
  const nearer = rankedActive.find((c) => winsOnNearest(c.label) && closeness(c) >= closeness(bestEntry));
  const top = nearer ?? rankedActive[0]!;
  if (top !== bestEntry) {
    // Looks more like something no entry covers: never answered, whatever the entry's own score.
    const scores = { confidence: 0, threshold: input.threshold, top_score: bestEntry.score, background: 1, background_score: top.score };
    return {
      action: 'handoff',
      reason: 'below_threshold',
      confidence: 0,
      bestEntryId: bestEntry.label,
      backgroundLabel: top.label,
      backgroundExample: top.nearestText,
      scores,
    };
  }
  const confidence = input.confidence(rankedActive);
  const scores: Record<string, number> = {
    confidence,
    threshold: input.threshold,
    top_score: top.score,
    top_nearest: top.nearest,
    top_lexical: top.lexical,
    margin: top.score - (rankedActive[1]?.score ?? 0),
  };
  // With few active entries a weak match can win by a wide margin, and the calibration trusts
  // margins: no example even this close to the mention is no evidence that the entry answers it.
  const weak = top.nearest < WEAK_MATCH_NEAREST;
  if (confidence >= input.threshold && !weak) return { action: 'answer', entryId: top.label, confidence, scores };
  return {
    action: 'handoff',
    reason: 'below_threshold',
    confidence,
    bestEntryId: top.label,
    scores: weak && confidence >= input.threshold ? { ...scores, weak_match: 1 } : scores,
  };
}
