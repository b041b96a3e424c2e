import { rng } from './softmax-regression.js';

/** Stratified k-fold split: fold number per item, each label spread evenly over the folds. */
export function stratifiedFolds(labels: readonly string[], k: number, seed = 1): number[] {
  const random = rng(seed);
  const fold = new Array<number>(labels.length).fill(0);
  const by = new Map<string, number[]>();
  labels.forEach((l, i) => by.set(l, [...(by.get(l) ?? []), i]));
  for (const idx of by.values()) {
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    idx.forEach((n, r) => (fold[n] = r % k));
  }
  return fold;
}
