import type { Sparse } from '../features/hashed-features.js';

/** Fills `out` (one slot per example) with each example's lexical (hashed stem) overlap with the query. */
export type LexicalOverlap = (query: Sparse, out: Float32Array) => void;

/**
 * An inverted index of the examples' sparse stems: a query touches only the examples sharing a bucket
 * with it. Stems found in most examples ("my", "the", "is") say nothing about the class and cost the
 * most: a bucket in more than a tenth of the examples (at least 50) is left out.
 */
export function lexicalIndex(examples: readonly { sparse: Sparse }[]): LexicalOverlap {
  const postings = new Map<number, Array<[number, number]>>();
  examples.forEach((e, r) => {
    e.sparse.index.forEach((b, j) => {
      const list = postings.get(b) ?? [];
      list.push([r, e.sparse.value[j]!]);
      postings.set(b, list);
    });
  });
  const common = Math.max(50, Math.ceil(0.1 * examples.length));
  for (const [b, list] of postings) if (list.length > common) postings.delete(b);
  return (query, out) => {
    out.fill(0);
    query.index.forEach((b, j) => {
      for (const [r, v] of postings.get(b) ?? []) out[r]! += v * query.value[j]!;
    });
  };
}
