import type { ClassScore } from './intent-model.js';
import { predictProba, trainSoftmax, type SoftmaxModel } from '../learn/softmax-regression.js';

/**
 * The runner-up score never counts below this (about the 10th percentile of runner-up scores with 150
 * intents): with only one or two active entries a weak match would otherwise win by a wide margin.
 */
export const RUNNER_UP_FLOOR = 0.55;

/** Scores of the best class and its margins over the others: what confidence is computed from. */
export function confidenceFeatures(ranked: readonly ClassScore[]): Float32Array {
  const top = ranked[0];
  const second = ranked[1];
  if (!top) return new Float32Array(FEATURES);
  let nearestOther = RUNNER_UP_FLOOR;
  let probabilityOther = 0;
  for (const c of ranked.slice(1)) {
    if (c.nearest > nearestOther) nearestOther = c.nearest;
    if ((c.probability ?? 0) > probabilityOther) probabilityOther = c.probability ?? 0;
  }
  return Float32Array.from([
    top.score,
    top.score - Math.max(second?.score ?? 0, RUNNER_UP_FLOOR),
    top.nearest,
    top.centroid,
    top.lexical,
    top.probability ?? 0,
    top.nearest - nearestOther,
    (top.probability ?? 0) - probabilityOther,
  ]);
}

const FEATURES = 8;

/** A logistic map from confidence features to P(top class is right and in scope). */
export interface Calibrator {
  model: SoftmaxModel;
}

export function fitCalibrator(features: readonly Float32Array[], correct: readonly boolean[]): Calibrator {
  const model = trainSoftmax(
    features.map((dense) => ({ dense })),
    correct.map((c) => (c ? 'right' : 'wrong')),
    0,
    { epochs: 60, learningRate: 0.3, l2: 0, seed: 7 },
  );
  return { model };
}

export function calibratedConfidence(cal: Calibrator, features: Float32Array): number {
  const p = predictProba(cal.model, { dense: features });
  const right = cal.model.classes.indexOf('right');
  return right >= 0 ? p[right]! : 0;
}
