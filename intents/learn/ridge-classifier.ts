import { gramMatrix } from './gram-matrix.js';

/**
 * Ridge regression onto one-hot class targets, solved in closed form (normal equations + Cholesky).
 * No epochs: a knowledge reload of 1,000 examples trains in well under a second, and results are
 * deterministic. Scores are roughly 0..1 per class (1 = looks like that class's examples).
 */
export interface RidgeModel {
  classes: string[];
  dim: number;
  /** classes x (dim + 1), the last column is the bias. */
  weights: Float64Array;
}

export function trainRidge(xs: readonly Float32Array[], labels: readonly string[], lambda = 1): RidgeModel {
  const classes = [...new Set(labels)];
  const index = new Map(classes.map((c, i) => [c, i]));
  const K = classes.length;
  const dim = xs[0]?.length ?? 0;
  const D = dim + 1;
  // Gram matrix X'X (on the WASM backend) and X'Y, with a constant 1 feature for the bias.
  const X = new Float32Array(xs.length * D);
  const R = new Float64Array(D * K);
  xs.forEach((v, n) => {
    X.set(v, n * D);
    X[n * D + dim] = 1;
    const k = index.get(labels[n]!)!;
    for (let i = 0; i < D; i++) R[i * K + k]! += X[n * D + i]!;
  });
  const G = gramMatrix(X, xs.length, D);
  for (let i = 0; i < D; i++) G[i * D + i]! += i < dim ? lambda : 1e-6;
  // Cholesky G = L L', in place in the lower triangle.
  for (let j = 0; j < D; j++) {
    let s = G[j * D + j]!;
    for (let k = 0; k < j; k++) s -= G[j * D + k]! * G[j * D + k]!;
    const d = Math.sqrt(Math.max(s, 1e-12));
    G[j * D + j] = d;
    for (let i = j + 1; i < D; i++) {
      let t = G[i * D + j]!;
      for (let k = 0; k < j; k++) t -= G[i * D + k]! * G[j * D + k]!;
      G[i * D + j] = t / d;
    }
  }
  // Forward (L Y = R) then back substitution (L' W = Y) for all classes at once: the inner loops run
  // along rows of K contiguous values instead of striding down L's columns once per class.
  const Y = R;
  /** Row i of Y (K values) minus l times row k, then divided by L's diagonal once all are subtracted. */
  const eliminate = (i: number, from: number, to: number, l: (k: number) => number) => {
    const yi = i * K;
    for (let k = from; k < to; k++) {
      const f = l(k);
      if (f === 0) continue;
      const yk = k * K;
      for (let c = 0; c < K; c++) Y[yi + c]! -= f * Y[yk + c]!;
    }
    const d = G[i * D + i]!;
    for (let c = 0; c < K; c++) Y[yi + c]! /= d;
  };
  for (let i = 0; i < D; i++) eliminate(i, 0, i, (k) => G[i * D + k]!);
  for (let i = D - 1; i >= 0; i--) eliminate(i, i + 1, D, (k) => G[k * D + i]!);
  const weights = new Float64Array(K * D);
  for (let i = 0; i < D; i++) for (let c = 0; c < K; c++) weights[c * D + i] = Y[i * K + c]!;
  return { classes, dim, weights };
}

export function ridgeScores(model: RidgeModel, v: Float32Array, out = new Float32Array(model.classes.length)): Float32Array {
  const D = model.dim + 1;
  for (let c = 0; c < model.classes.length; c++) {
    let s = model.weights[c * D + model.dim]!;
    const off = c * D;
    for (let i = 0; i < model.dim; i++) s += model.weights[off + i]! * v[i]!;
    out[c] = s;
  }
  return out;
}
