import { OOS } from './datasets/clinc.js';

/**
 * Operating points of an intent model on scored items: what a confidence threshold gives (answered,
 * wrong answers, out-of-scope recall) and the rules that pick a threshold on val.
 */

export interface Scored {
  label: string;
  predicted: string;
  confidence: number;
  /** Counts this many times (re-weights out-of-scope items to an assumed share). */
  weight?: number;
}

export interface Outcome {
  in_scope_accuracy: number;
  oos_recall: number;
  answered_rate: number;
  wrong_answer_rate: number;
  in_scope_answered_rate: number;
}

/**
 * At threshold t an item is answered with its top intent when confidence >= t, else treated as
 * out-of-scope. In-scope accuracy (Larson et al.): right intent and answered. OOS recall: OOS not answered.
 * Wrong-answer rate: (in-scope answered with a wrong intent + OOS answered) / all answered.
 */
export function outcome(items: readonly Scored[], t: number): Outcome {
  let inScope = 0;
  let inRight = 0;
  let inAnswered = 0;
  let oos = 0;
  let oosRejected = 0;
  let answered = 0;
  let wrong = 0;
  let all = 0;
  for (const it of items) {
    const w = it.weight ?? 1;
    const ans = it.confidence >= t;
    all += w;
    if (ans) answered += w;
    if (it.label === OOS) {
      oos += w;
      if (!ans) oosRejected += w;
      else wrong += w;
    } else {
      inScope += w;
      if (ans) {
        inAnswered += w;
        if (it.predicted === it.label) inRight += w;
        else wrong += w;
      }
    }
  }
  return {
    in_scope_accuracy: inScope ? inRight / inScope : 0,
    oos_recall: oos ? oosRejected / oos : 0,
    answered_rate: all ? answered / all : 0,
    wrong_answer_rate: answered ? wrong / answered : 0,
    in_scope_answered_rate: inScope ? inAnswered / inScope : 0,
  };
}

/**
 * The lowest threshold from which every higher one keeps val's wrong-answer rate under the cap. The
 * rate is not monotone in the threshold: val has only 100 out-of-scope items, each weighted ~7.5 times,
 * so one item moves it by ~0.4 points, and the first threshold that dips under the cap is often a
 * lucky dip that does not hold on unseen data.
 */
export function lowestSafeThreshold(items: readonly Scored[], thresholds: readonly number[], cap: number): number {
  let safe = 1;
  for (let i = thresholds.length - 1; i >= 0; i--) {
    if (outcome(items, thresholds[i]!).wrong_answer_rate > cap) break;
    safe = thresholds[i]!;
  }
  return safe;
}

/** The lowest threshold at which at least `floor` of the out-of-scope items go unanswered (none: undefined). */
export function lowestWithOosRecall(items: readonly Scored[], thresholds: readonly number[], floor: number): number | undefined {
  return thresholds.find((t) => outcome(items, t).oos_recall >= floor);
}

/** The items with out-of-scope ones counted as often as makes them `share` of all. */
export function weighOos(items: readonly Scored[], share: number): Scored[] {
  const nOos = items.filter((v) => v.label === OOS).length;
  const w = nOos ? (share / (1 - share)) * ((items.length - nOos) / nOos) : 1;
  return items.map((v) => (v.label === OOS ? { ...v, weight: w } : v));
}
