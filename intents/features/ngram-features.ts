import { stems } from './tokenize.js';
import { hash, type Sparse } from './hashed-features.js';

/** Buckets of `ngramCounts` wherever a head reads them: half words, half characters. */
export const NGRAM_BUCKETS = 32768;

/**
 * Word (stem unigram + bigram) and character (3- to 5-gram) counts hashed into two halves of
 * `buckets`, for a softmax head trained on many examples per class: character n-grams catch
 * misspellings and word parts ("transfer"/"transferring", "pto") that stems and the sentence embedding
 * miss. Counts are raw here; `NgramIdf` weights and normalises them once it has seen the training set.
 */
export function ngramCounts(text: string, buckets: number): Sparse {
  const half = buckets >>> 1;
  if (scratch.length < buckets) scratch = new Float32Array(buckets);
  const touched: number[] = [];
  const count = (b: number) => {
    if (scratch[b] === 0) touched.push(b);
    scratch[b]! += 1;
  };
  const toks = stems(text);
  toks.forEach((t, i) => {
    count(hashNgram(t) % half);
    if (i > 0) count(hashNgram(`${toks[i - 1]} ${t}`) % half);
  });
  // Character n-grams hashed as they are extended from each start (FNV-1a is incremental): no substrings.
  const s = ` ${text.toLowerCase().split(/\s+/).filter(Boolean).join(' ')} `;
  for (let i = 0; i + 3 <= s.length; i++) {
    let h = NGRAM_BASIS;
    for (let j = i; j < i + 5 && j < s.length; j++) {
      h = Math.imul(h ^ s.charCodeAt(j), 0x01000193);
      if (j - i >= 2) count(half + ((h >>> 0) % half));
    }
  }
  const index = Int32Array.from(touched).sort();
  const value = Float32Array.from(index, (b) => scratch[b]!);
  for (const b of touched) scratch[b] = 0;
  return { index, value };
}

/** Counts by bucket while one text is read (zeroed again after): cheaper than a Map. */
let scratch = new Float32Array(0);

const NGRAM_BASIS = 0x9747b28c;
const hashNgram = (s: string): number => hash(s, NGRAM_BASIS);

/** Inverse document frequencies of the buckets, fitted on a training set (smoothed as scikit-learn does). */
export interface NgramIdf {
  buckets: number;
  idf: Float32Array;
}

export function fitNgramIdf(docs: readonly Sparse[], buckets: number): NgramIdf {
  const df = new Float32Array(buckets);
  for (const d of docs) for (const b of d.index) df[b]! += 1;
  const n = docs.length;
  return { buckets, idf: Float32Array.from(df, (c) => Math.log((1 + n) / (1 + c)) + 1) };
}

/** Sublinear TF x IDF, each half (words, characters) L2-normalised on its own. */
export function weighNgrams(counts: Sparse, { buckets, idf }: NgramIdf): Sparse {
  const half = buckets >>> 1;
  const value = Float32Array.from(counts.index, (b, j) => (1 + Math.log(counts.value[j]!)) * idf[b]!);
  const norms = [0, 0];
  counts.index.forEach((b, j) => (norms[b < half ? 0 : 1]! += value[j]! ** 2));
  counts.index.forEach((b, j) => {
    const nrm = Math.sqrt(norms[b < half ? 0 : 1]!);
    if (nrm > 0) value[j]! /= nrm;
  });
  return { index: counts.index, value };
}
