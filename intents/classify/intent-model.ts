import { normalize } from '../embedding/embedder.js';
import type { Sparse } from '../features/hashed-features.js';
import { crossProductsTransposed, packRows, transposeRows } from '../learn/gram-matrix.js';
import type { IntentExample } from './intent-example.js';
import { trainIntentHead, type IntentHeadOptions } from './intent-head.js';
import { lexicalIndex } from './lexical-index.js';

export type { IntentExample } from './intent-example.js';

export interface ClassScore {
  label: string;
  /** Combined score used for ranking. */
  score: number;
  /** Best cosine similarity to one example of the class. */
  nearest: number;
  /** That example's text, when the examples were given theirs (what a "why" can quote). */
  nearestText?: string | undefined;
  /** Cosine similarity to the class centroid. */
  centroid: number;
  /** Best lexical (hashed stem) overlap with one example. */
  lexical: number;
  /** Probability from the trained head, when there is one. */
  probability?: number;
}

export interface IntentModelOptions extends IntentHeadOptions {
  /** Weight of lexical overlap in the combined score. */
  lexicalWeight?: number;
  /** Share of the head's output in the combined score (default 0.5). */
  headWeight?: number;
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
  const lexicalOverlap = lexicalIndex(examples);
  const head = trainIntentHead(examples, K, options);
  const headIndex = head ? labels.map((l) => head.classes.indexOf(l)) : [];
  const ridge = head?.ridge;
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
    lexicalOverlap(sparse, lexDots);
    const nearest = new Float32Array(K).fill(-1);
    const nearestAt = new Int32Array(K);
    const lexical = new Float32Array(K);
    for (let r = 0; r < n; r++) {
      const k = exampleClass[r]!;
      if (exDots[r]! > nearest[k]!) {
        nearest[k] = exDots[r]!;
        nearestAt[k] = r;
      }
      if (lexDots[r]! > lexical[k]!) lexical[k] = lexDots[r]!;
    }
    const proba = head?.outputs(vector, sparse, text, ridgeOut);
    const scores = labels.map((label, k): ClassScore => {
      const centroid = cDots[k]!;
      let score = 0.5 * nearest[k]! + 0.5 * centroid + lexicalWeight * lexical[k]!;
      let probability: number | undefined;
      if (proba) {
        probability = proba[headIndex[k]!]!;
        score = (1 - headWeight) * score + headWeight * probability;
      }
      return {
        label,
        score,
        nearest: nearest[k]!,
        nearestText: examples[nearestAt[k]!]?.text,
        centroid,
        lexical: lexical[k]!,
        probability,
      };
    });
    return scores.sort((a, b) => b.score - a.score);
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
