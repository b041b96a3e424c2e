import { normalize } from '../embedding/embedder.js';
import type { Sparse } from '../features/hashed-features.js';
import { predictProba, trainSoftmax, type SoftmaxModel } from '../learn/softmax-regression.js';
import { ridgeScores, trainRidge, type RidgeModel } from '../learn/ridge-classifier.js';
import { crossProductsTransposed, packRows, transposeRows } from '../learn/gram-matrix.js';
import { fitNgramIdf, ngramCounts, weighNgrams, NGRAM_BUCKETS, type NgramIdf } from '../features/ngram-features.js';

/** One example phrasing of an intent, already embedded. */
export interface IntentExample {
  label: string;
  vector: Float32Array;
  sparse: Sparse;
  /** The phrasing itself: a softmax head reads its word and character n-grams (else `sparse`). */
  text?: string;
}

export interface ClassScore {
  label: string;
  /** Combined score used for ranking. */
  score: number;
  /** Best cosine similarity to one example of the class. */
  nearest: number;
  /** Cosine similarity to the class centroid. */
  centroid: number;
  /** Best lexical (hashed stem) overlap with one example. */
  lexical: number;
  /** Probability from the trained head, when there is one. */
  probability?: number;
}

export interface IntentModelOptions {
  /** Weight of lexical overlap in the combined score. */
  lexicalWeight?: number;
  /** Train a softmax head when classes have at least this many examples on average (default 5). */
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
  /** Share of the head's output in the combined score (default 0.5). */
  headWeight?: number;
  /** Progress of the softmax head's training (long on full data sets). */
  onHeadEpoch?: (epoch: number, epochs: number) => void;
  sparseSize?: number;
  /** Buckets of the softmax head's n-grams (default NGRAM_BUCKETS). */
  ngramBuckets?: number;
}

export interface IntentModel {
  labels: string[];
  /** Classes best first. */
  rank(vector: Float32Array, sparse: Sparse, text?: string): ClassScore[];
  /** `rank` for many queries at once, the dot products on the WASM backend (call readyTf first). */
  rankMany(vectors: readonly Float32Array[], sparses: readonly Sparse[], texts?: readonly string[]): ClassScore[][];
}

/** Row-major matrix of unit vectors, scored against a query in one tight loop. */
function dotsInto(matrix: Float32Array, rows: number, dim: number, q: Float32Array, out: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const off = r * dim;
    for (let i = 0; i < dim; i++) s += matrix[off + i]! * q[i]!;
    out[r] = s;
  }
}

/**
 * Few-shot friendly intent model: nearest example + centroid similarity on sentence embeddings, plus
 * lexical overlap; with many examples per class a softmax head is trained on top and blended in.
 * Training without the head is only grouping vectors, so a reload costs the embeddings alone.
 */
export function trainIntentModel(examples: readonly IntentExample[], options: IntentModelOptions = {}): IntentModel {
  const lexicalWeight = options.lexicalWeight ?? 0.25;
  const headWeight = options.headWeight ?? 0.5;
  const labels = [...new Set(examples.map((e) => e.label))];
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const n = examples.length;
  const K = labels.length;
  const dim = examples[0]?.vector.length ?? 0;
  const exampleClass = Int32Array.from(examples, (e) => labelIndex.get(e.label)!);
  const matrix = new Float32Array(n * dim);
  const centroids = new Float32Array(K * dim);
  examples.forEach((e, r) => {
    matrix.set(e.vector, r * dim);
    const off = exampleClass[r]! * dim;
    for (let i = 0; i < dim; i++) centroids[off + i]! += e.vector[i]!;
  });
  for (let k = 0; k < K; k++) normalize(centroids.subarray(k * dim, (k + 1) * dim));
  // Inverted index of the sparse stems: a query touches only the examples sharing a bucket with it.
  const postings = new Map<number, Array<[number, number]>>();
  examples.forEach((e, r) => {
    e.sparse.index.forEach((b, j) => {
      const list = postings.get(b) ?? [];
      list.push([r, e.sparse.value[j]!]);
      postings.set(b, list);
    });
  });
  // Stems found in most examples ("my", "the", "is") say nothing about the class and cost the most.
  const common = Math.max(50, Math.ceil(0.1 * n));
  for (const [b, list] of postings) if (list.length > common) postings.delete(b);
  let head: SoftmaxModel | undefined;
  let ridge: RidgeModel | undefined;
  const headKind = options.head ?? (n / Math.max(1, K) >= (options.softmaxMinExamples ?? 30) ? 'softmax' : 'ridge');
  const headMin = options.headMinExamples ?? 5;
  // Given the texts, the heads read their n-grams (TF-IDF weighted on the training set): the softmax head
  // instead of the stems, the ridge head as a second head on the n-grams alone.
  const withNgrams = examples.length > 0 && examples.every((e) => e.text !== undefined);
  const buckets = options.ngramBuckets ?? NGRAM_BUCKETS;
  let idf: NgramIdf | undefined;
  const foldDims = options.ridgeNgramDims ?? 256;
  /** The text's n-grams TF-IDF weighted (its counts when already made); only once `idf` is fitted. */
  const tfidf = (text: string, counts?: Sparse): Sparse => weighNgrams(counts ?? ngramCounts(text, buckets), idf!);
  /** TF-IDF n-grams summed into `foldDims` (words in the first half, characters in the second). */
  const foldedNgrams = (text: string, counts?: Sparse): Float32Array => {
    const out = new Float32Array(foldDims);
    const w = tfidf(text, counts);
    const half = foldDims >>> 1;
    w.index.forEach((b, j) => {
      out[b < buckets >>> 1 ? b % half : half + (b % half)]! += w.value[j]!;
    });
    return out;
  };
  let ridgeN: RidgeModel | undefined;
  const headSparse = (sparse: Sparse, text?: string, counts?: Sparse): Sparse => (idf && text !== undefined ? tfidf(text, counts) : sparse);
  if (headKind !== 'none' && K > 1 && n / K >= headMin) {
    let counts: Sparse[] | undefined;
    if (withNgrams && (headKind === 'softmax' || foldDims > 0)) {
      counts = examples.map((e) => ngramCounts(e.text!, buckets));
      idf = fitNgramIdf(counts, buckets);
    }
    if (headKind === 'ridge') {
      ridge = trainRidge(
        examples.map((e) => e.vector),
        examples.map((e) => e.label),
        options.ridgeLambda ?? 0.3,
      );
      if (idf)
        ridgeN = trainRidge(
          examples.map((e, i) => foldedNgrams(e.text!, counts?.[i])),
          examples.map((e) => e.label),
          options.ridgeLambda ?? 0.3,
        );
    } else
      head = trainSoftmax(
        examples.map((e, i) => ({ dense: e.vector, sparse: headSparse(e.sparse, e.text, counts?.[i]) })),
        examples.map((e) => e.label),
        idf ? idf.buckets : (options.sparseSize ?? 4096),
        {
          epochs: options.headEpochs ?? 10,
          learningRate: 0.5,
          l2: 0,
          skipBelow: options.headSkipBelow ?? 0.002,
          onEpoch: (e) => options.onHeadEpoch?.(e, options.headEpochs ?? 10),
        },
      );
  }
  const headIndex = head ? labels.map((l) => head!.classes.indexOf(l)) : ridge ? labels.map((l) => ridge!.classes.indexOf(l)) : [];
  const exampleDots = new Float32Array(n);
  const centroidDots = new Float32Array(K);
  const lexDots = new Float32Array(n);
  /** Combines the dot products of one query (however computed) with its lexical overlap and head. */
  const scoreOne = (
    vector: Float32Array,
    sparse: Sparse,
    text: string | undefined,
    exDots: Float32Array,
    cDots: Float32Array,
    ridgeOut?: Float32Array,
  ): ClassScore[] => {
    lexDots.fill(0);
    sparse.index.forEach((b, j) => {
      for (const [r, v] of postings.get(b) ?? []) lexDots[r]! += v * sparse.value[j]!;
    });
    const nearest = new Float32Array(K).fill(-1);
    const lexical = new Float32Array(K);
    for (let r = 0; r < n; r++) {
      const k = exampleClass[r]!;
      if (exDots[r]! > nearest[k]!) nearest[k] = exDots[r]!;
      if (lexDots[r]! > lexical[k]!) lexical[k] = lexDots[r]!;
    }
    const proba = head
      ? predictProba(head, { dense: vector, sparse: headSparse(sparse, text) })
      : ridge
        ? addNgramRidge(ridgeOut ?? ridgeScores(ridge, vector), text)
        : undefined;
    const scores = labels.map((label, k): ClassScore => {
      const centroid = cDots[k]!;
      let score = 0.5 * nearest[k]! + 0.5 * centroid + lexicalWeight * lexical[k]!;
      let probability: number | undefined;
      if (proba) {
        probability = proba[headIndex[k]!]!;
        score = (1 - headWeight) * score + headWeight * probability;
      }
      return { label, score, nearest: nearest[k]!, centroid, lexical: lexical[k]!, probability };
    });
    return scores.sort((a, b) => b.score - a.score);
  };
  const ngramShare = options.ridgeNgramShare ?? 0.7;
  /** The embedding head's scores mixed with the n-gram head's (same classes, same order). */
  const addNgramRidge = (out: Float32Array, text?: string): Float32Array => {
    if (!ridgeN || text === undefined) return out;
    const extra = ridgeScores(ridgeN, foldedNgrams(text));
    for (let c = 0; c < out.length; c++) out[c] = (1 - ngramShare) * out[c]! + ngramShare * extra[c]!;
    return out;
  };
  // For batched scoring: the examples, centroids and ridge head (classes x dim, biases apart), transposed
  // once, at the first batch, because the WASM backend multiplies fast only without transposes
  // (learn/gram-matrix.ts). A model only ever asked one mention at a time never builds them.
  const R = ridge?.classes.length ?? 0;
  let transposed: { matrixT: Float32Array; centroidsT: Float32Array; ridgeT?: Float32Array } | undefined;
  const batchMatrices = () =>
    (transposed ??= {
      matrixT: transposeRows(matrix, n, dim),
      centroidsT: transposeRows(centroids, K, dim),
      // dim x classes: row i holds weight i of every class (the bias column left out).
      ridgeT: ridge && Float32Array.from({ length: dim * R }, (_, j) => ridge!.weights[(j % R) * (dim + 1) + Math.floor(j / R)]!),
    });
  return {
    labels,
    rank(vector, sparse, text) {
      dotsInto(matrix, n, dim, vector, exampleDots);
      dotsInto(centroids, K, dim, vector, centroidDots);
      return scoreOne(vector, sparse, text, exampleDots, centroidDots);
    },
    rankMany(vectors, sparses, texts) {
      if (vectors.length === 0 || n === 0) return vectors.map((v, i) => this.rank(v, sparses[i]!, texts?.[i]));
      // Every query against every example, centroid and ridge row in three products on WASM (SIMD)
      // instead of scalar loops: what ranking a batch of mentions mostly costs.
      const B = vectors.length;
      const q = packRows(vectors, dim);
      const { matrixT, centroidsT, ridgeT } = batchMatrices();
      const ex = crossProductsTransposed(q, B, matrixT, n, dim);
      const ce = crossProductsTransposed(q, B, centroidsT, K, dim);
      const rs = ridgeT && crossProductsTransposed(q, B, ridgeT, R, dim);
      return vectors.map((v, b) => {
        let ridgeOut: Float32Array | undefined;
        if (rs) {
          ridgeOut = rs.subarray(b * R, (b + 1) * R);
          for (let c = 0; c < R; c++) ridgeOut[c]! += ridge!.weights[c * (dim + 1) + dim]!;
        }
        return scoreOne(v, sparses[b]!, texts?.[b], ex.subarray(b * n, (b + 1) * n), ce.subarray(b * K, (b + 1) * K), ridgeOut);
      });
    },
  };
}
