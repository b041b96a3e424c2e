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
  const weights = new Float64Array(K * D);
  const y = new Float64Array(D);
  for (let c = 0; c < K; c++) {
    // Forward (L y = r) then back substitution (L' w = y).
    for (let i = 0; i < D; i++) {
      let t = R[i * K + c]!;
      for (let k = 0; k < i; k++) t -= G[i * D + k]! * y[k]!;
      y[i] = t / G[i * D + i]!;
    }
    for (let i = D - 1; i >= 0; i--) {
      let t = y[i]!;
      for (let k = i + 1; k < D; k++) t -= G[k * D + i]! * weights[c * D + k]!;
      weights[c * D + i] = t / G[i * D + i]!;
    }
  }
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
