import type { Sparse } from '../features/hashed-features.js';

/** One training or query point: a dense part (embedding and hand-made features) and a hashed sparse part. */
export interface FeatureVector {
  dense: Float32Array;
  sparse?: Sparse;
}

/** Multinomial logistic regression weights, JSON-serialisable for shipping as a small model file. */
export interface SoftmaxModel {
  classes: string[];
  denseSize: number;
  sparseSize: number;
  /** classes x denseSize, row-major. */
  dense: Float32Array;
  /** classes x sparseSize, row-major. */
  sparse: Float32Array;
  bias: Float32Array;
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  /** L2 penalty per step. */
  l2?: number;
  /** Weight each class by n / (classes x count): optimises macro recall on unbalanced data. */
  balanced?: boolean;
  seed?: number;
  /**
   * Skip a class's update when its gradient is below this (default 0). With many classes most
   * probabilities are near zero after the first epoch, so this cuts training time several-fold.
   */
  skipBelow?: number;
  /** Called after each epoch (progress bars). */
  onEpoch?: (epoch: number) => void;
}

/** Deterministic PRNG (mulberry32) so training and cross-validation are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function logits(model: SoftmaxModel, x: FeatureVector, out = new Float32Array(model.classes.length)): Float32Array {
  const { denseSize: D, sparseSize: H } = model;
  for (let k = 0; k < model.classes.length; k++) {
    let s = model.bias[k]!;
    const row = k * D;
    for (let i = 0; i < D; i++) s += model.dense[row + i]! * x.dense[i]!;
    if (x.sparse && H > 0) {
      const srow = k * H;
      for (let j = 0; j < x.sparse.index.length; j++) s += model.sparse[srow + x.sparse.index[j]!]! * x.sparse.value[j]!;
    }
    out[k] = s;
  }
  return out;
}

export function softmaxInPlace(z: Float32Array): Float32Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    z[i] = Math.exp(z[i]! - max);
    sum += z[i]!;
  }
  for (let i = 0; i < z.length; i++) z[i]! /= sum;
  return z;
}

export function predictProba(model: SoftmaxModel, x: FeatureVector): Float32Array {
  return softmaxInPlace(logits(model, x));
}

/** Plain SGD with a decaying step and shuffling: a few epochs suffice on normalised embeddings. */
export function trainSoftmax(
  xs: readonly FeatureVector[],
  labels: readonly string[],
  sparseSize: number,
  options: TrainOptions = {},
): SoftmaxModel {
  const classes = [...new Set(labels)].sort();
  const K = classes.length;
  const D = xs[0]?.dense.length ?? 0;
  const H = sparseSize;
  const model: SoftmaxModel = {
    classes,
    denseSize: D,
    sparseSize: H,
    dense: new Float32Array(K * D),
    sparse: new Float32Array(K * H),
    bias: new Float32Array(K),
  };
  const y = labels.map((l) => classes.indexOf(l));
  const counts = new Array<number>(K).fill(0);
  for (const k of y) counts[k]!++;
  const weight = counts.map((c) => (options.balanced ? xs.length / (K * Math.max(1, c)) : 1));
  const epochs = options.epochs ?? 10;
  const lr0 = options.learningRate ?? 0.5;
  const l2 = options.l2 ?? 1e-5;
  const random = rng(options.seed ?? 1);
  const order = xs.map((_, i) => i);
  const p = new Float32Array(K);
  let step = 0;
  const total = epochs * xs.length;
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const lr = lr0 * (1 - step / total) + 0.01 * lr0;
      step++;
      const x = xs[n]!;
      softmaxInPlace(logits(model, x, p));
      const w = weight[y[n]!]!;
      const decay = 1 - lr * l2;
      const skip = (options.skipBelow ?? 0) * lr;
      for (let k = 0; k < K; k++) {
        const g = (p[k]! - (k === y[n] ? 1 : 0)) * w * lr;
        if (skip > 0 && Math.abs(g) < skip) continue;
        const row = k * D;
        // Weight decay folded into the dense update (the part that dominates cost anyway).
        for (let i = 0; i < D; i++) model.dense[row + i] = model.dense[row + i]! * decay - g * x.dense[i]!;
        model.bias[k]! -= g;
        if (x.sparse && H > 0) {
          const srow = k * H;
          for (let j = 0; j < x.sparse.index.length; j++) model.sparse[srow + x.sparse.index[j]!]! -= g * x.sparse.value[j]!;
        }
      }
    }
    options.onEpoch?.(e + 1);
  }
  return model;
}

/** Rounded plain-JSON form for shipping in the repository. */
export function toJson(model: SoftmaxModel): object {
  const round = (a: Float32Array): number[] => Array.from(a, (v) => Math.round(v * 1e4) / 1e4);
  return { ...model, dense: round(model.dense), sparse: round(model.sparse), bias: round(model.bias) };
}

export function fromJson(json: unknown): SoftmaxModel {
  const j = json as { classes: string[]; denseSize: number; sparseSize: number; dense: number[]; sparse: number[]; bias: number[] };
  return {
    classes: j.classes,
    denseSize: j.denseSize,
    sparseSize: j.sparseSize,
    dense: Float32Array.from(j.dense),
    sparse: Float32Array.from(j.sparse),
    bias: Float32Array.from(j.bias),
  };
}
