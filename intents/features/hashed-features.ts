import { stems } from './tokenize.js';

/** Sparse vector: parallel arrays of bucket index and value. */
export interface Sparse {
  index: Int32Array;
  value: Float32Array;
}

// FNV-1a: fast, stable across runs, good enough spread for a few thousand buckets. Another offset basis
// gives another hashing (so two feature sets do not collide alike).
export function hash(s: string, basis = 0x811c9dc5): number {
  let h = basis;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Binary stem unigrams and bigrams hashed into `buckets`, L2-normalised. Catches exact vocabulary
 * (order numbers aside) that a sentence embedding blurs: product names, "refund" vs "return".
 */
export function hashedStems(text: string, buckets: number): Sparse {
  const toks = stems(text);
  const set = new Set<number>();
  toks.forEach((t, i) => {
    set.add(hash(t) % buckets);
    if (i > 0) set.add(hash(`${toks[i - 1]} ${t}`) % buckets);
  });
  const index = Int32Array.from([...set].sort((a, b) => a - b));
  const value = new Float32Array(index.length).fill(index.length > 0 ? 1 / Math.sqrt(index.length) : 0);
  return { index, value };
}
