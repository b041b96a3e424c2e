import type { Sparse } from '../features/hashed-features.js';
import { fitNgramIdf, ngramCounts, NGRAM_BUCKETS, weighNgrams, type NgramIdf } from '../features/ngram-features.js';
import { ridgeScores, trainRidge, type RidgeModel } from '../learn/ridge-classifier.js';
import { predictProba, trainSoftmax, type SoftmaxModel } from '../learn/softmax-regression.js';
import type { IntentExample } from './intent-example.js';

/** How the trained head on top of the similarities is chosen and trained (part of IntentModelOptions). */
export interface IntentHeadOptions {
  /** Train a head when classes have at least this many examples on average (default 5). */
  headMinExamples?: number;
  headEpochs?: number;
  /**
   * 'ridge': closed form, under a second for a 1,000-example knowledge file. 'softmax': SGD, more
   * accurate with many examples per class but seconds to minutes to train. Default: softmax from
   * `softmaxMinExamples` examples per class on average (data sets), ridge below (knowledge files).
   */
  head?: 'ridge' | 'softmax' | 'none';
  softmaxMinExamples?: number;
  ridgeLambda?: number;
  /**
   * Given the texts, a second ridge head reads their n-grams folded into this many dimensions (default
   * 256; 0: none), its scores mixed in at `ridgeNgramShare` (default 0.7). Solved apart from the
   * embedding head so each system stays small: a knowledge reload stays well under a second.
   */
  ridgeNgramDims?: number;
  ridgeNgramShare?: number;
  headSkipBelow?: number;
  /** Progress of the softmax head's training (long on full data sets). */
  onHeadEpoch?: (epoch: number, epochs: number) => void;
  sparseSize?: number;
  /** Buckets of the softmax head's n-grams (default NGRAM_BUCKETS). */
  ngramBuckets?: number;
}

/** A trained head: per class (in `classes` order), a probability (softmax) or a score (ridge). */
export interface IntentHead {
  classes: string[];
  /** The query's outputs; `ridgeDots`: the embedding ridge head's outputs when already computed (batches). */
  outputs(vector: Float32Array, sparse: Sparse, text: string | undefined, ridgeDots?: Float32Array): Float32Array;
  /** The embedding ridge head, for batched products (none for softmax). */
  ridge?: RidgeModel;
}

/**
 * The head the examples call for, or none (too few examples per class, one class, or `head: 'none'`).
 * Given the texts, the heads read their n-grams (TF-IDF weighted on the training set): the softmax head
 * instead of the stems, the ridge head as a second head on the n-grams alone.
 */
export function trainIntentHead(
  examples: readonly IntentExample[],
  classCount: number,
  options: IntentHeadOptions = {},
): IntentHead | undefined {
  const n = examples.length;
  const K = classCount;
  const headKind = options.head ?? (n / Math.max(1, K) >= (options.softmaxMinExamples ?? 30) ? 'softmax' : 'ridge');
  if (headKind === 'none' || K <= 1 || n / K < (options.headMinExamples ?? 5)) return undefined;
  const withNgrams = examples.length > 0 && examples.every((e) => e.text !== undefined);
  const buckets = options.ngramBuckets ?? NGRAM_BUCKETS;
  const foldDims = options.ridgeNgramDims ?? 256;
  let idf: NgramIdf | undefined;
  let counts: Sparse[] | undefined;
  if (withNgrams && (headKind === 'softmax' || foldDims > 0)) {
    counts = examples.map((e) => ngramCounts(e.text!, buckets));
    idf = fitNgramIdf(counts, buckets);
  }
  /** The text's n-grams TF-IDF weighted (its counts when already made); only once `idf` is fitted. */
  const tfidf = (text: string, c?: Sparse): Sparse => weighNgrams(c ?? ngramCounts(text, buckets), idf!);
  const lambda = options.ridgeLambda ?? 0.3;
  const labels = examples.map((e) => e.label);
  if (headKind === 'softmax') return softmaxHead(examples, labels, idf, tfidf, counts, options);

  const ridge = trainRidge(
    examples.map((e) => e.vector),
    labels,
    lambda,
  );
  /** TF-IDF n-grams summed into `foldDims` (words in the first half, characters in the second). */
  const folded = (text: string, c?: Sparse): Float32Array => {
    const out = new Float32Array(foldDims);
    const w = tfidf(text, c);
    const half = foldDims >>> 1;
    w.index.forEach((b, j) => {
      out[b < buckets >>> 1 ? b % half : half + (b % half)]! += w.value[j]!;
    });
    return out;
  };
  const ridgeN = idf
    ? trainRidge(
        examples.map((e, i) => folded(e.text!, counts?.[i])),
        labels,
        lambda,
      )
    : undefined;
  const share = options.ridgeNgramShare ?? 0.7;
  return {
    classes: ridge.classes,
    ridge,
    outputs(vector, _sparse, text, ridgeDots) {
      const out = ridgeDots ?? ridgeScores(ridge, vector);
      // The embedding head's scores mixed with the n-gram head's (same classes, same order).
      if (!ridgeN || text === undefined) return out;
      const extra = ridgeScores(ridgeN, folded(text));
      for (let c = 0; c < out.length; c++) out[c] = (1 - share) * out[c]! + share * extra[c]!;
      return out;
    },
  };
}

function softmaxHead(
  examples: readonly IntentExample[],
  labels: string[],
  idf: NgramIdf | undefined,
  tfidf: (text: string, counts?: Sparse) => Sparse,
  counts: Sparse[] | undefined,
  options: IntentHeadOptions,
): IntentHead {
  const headSparse = (sparse: Sparse, text?: string, c?: Sparse): Sparse => (idf && text !== undefined ? tfidf(text, c) : sparse);
  const epochs = options.headEpochs ?? 10;
  const head: SoftmaxModel = trainSoftmax(
    examples.map((e, i) => ({ dense: e.vector, sparse: headSparse(e.sparse, e.text, counts?.[i]) })),
    labels,
    idf ? idf.buckets : (options.sparseSize ?? 4096),
    {
      epochs,
      learningRate: 0.5,
      l2: 0,
      skipBelow: options.headSkipBelow ?? 0.002,
      onEpoch: (e) => options.onHeadEpoch?.(e, epochs),
    },
  );
  return {
    classes: head.classes,
    outputs: (vector, sparse, text) => predictProba(head, { dense: vector, sparse: headSparse(sparse, text) }),
  };
}
