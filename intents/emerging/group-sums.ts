import type { SparseVector } from './mention-terms.js';

/** A mention as the grouping compares it: unit vectors of its meaning, words and spelling. */
export interface MentionVectors {
  embedding?: Float32Array;
  words: SparseVector;
  chars: SparseVector;
}

/** A running sum of member vectors and its squared length, so a cosine to the centroid costs one pass. */
export interface DenseSum {
  sum: Float32Array | undefined;
  norm2: number;
}
export interface SparseSum {
  sum: Map<number, number>;
  norm2: number;
}

export function denseDot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function sparseDot(v: SparseVector, sum: Map<number, number>): number {
  let s = 0;
  for (const [k, x] of v) {
    const y = sum.get(k);
    if (y !== undefined) s += x * y;
  }
  return s;
}

/** Adds (sign 1) or takes out (sign -1) a unit vector, keeping the sum's squared length exact. */
export function addDense(s: DenseSum, v: Float32Array | undefined, sign: 1 | -1): void {
  if (!v) return;
  s.sum ??= new Float32Array(v.length);
  s.norm2 += sign * 2 * denseDot(s.sum, v) + 1;
  for (let i = 0; i < v.length; i++) s.sum[i]! += sign * v[i]!;
}

export function addSparse(s: SparseSum, v: SparseVector, sign: 1 | -1): void {
  let self = 0;
  for (const x of v.values()) self += x * x;
  s.norm2 += sign * 2 * sparseDot(v, s.sum) + self;
  for (const [k, x] of v) {
    const y = (s.sum.get(k) ?? 0) + sign * x;
    if (Math.abs(y) < 1e-9) s.sum.delete(k);
    else s.sum.set(k, y);
  }
}

export function denseCosine(v: Float32Array | undefined, s: DenseSum): number | undefined {
  if (!v || !s.sum || s.norm2 <= 1e-9) return undefined;
  return denseDot(v, s.sum) / Math.sqrt(s.norm2);
}

export function sparseCosine(v: SparseVector, s: SparseSum): number {
  return s.norm2 <= 1e-9 ? 0 : sparseDot(v, s.sum) / Math.sqrt(s.norm2);
}

/** Cosine of two sums' centroids. */
export function sumsCosine(a: SparseSum, b: SparseSum): number {
  if (a.norm2 <= 1e-9 || b.norm2 <= 1e-9) return 0;
  const [small, large] = a.sum.size < b.sum.size ? [a, b] : [b, a];
  return sparseDot(small.sum, large.sum) / Math.sqrt(a.norm2 * b.norm2);
}

export function denseSumsCosine(a: DenseSum, b: DenseSum): number | undefined {
  if (!a.sum || !b.sum || a.norm2 <= 1e-9 || b.norm2 <= 1e-9) return undefined;
  return denseDot(a.sum, b.sum) / Math.sqrt(a.norm2 * b.norm2);
}

/** The blend: meaning counts most when there is an embedding; shared words and spelling always count. */
export function blend(embedding: number | undefined, words: number, chars: number): number {
  return embedding === undefined ? 0.6 * words + 0.4 * chars : 0.5 * embedding + 0.3 * words + 0.2 * chars;
}
