import { dot, normalize } from '../embedding/embedder.js';
import type { Sparse } from '../features/hashed-features.js';
import { predictProba, trainSoftmax, type SoftmaxModel } from '../learn/softmax-regression.js';

/** One example phrasing of an intent, already embedded. */
export interface IntentExample {
  label: string;
  vector: Float32Array;
  sparse: Sparse;
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
  /** Train a softmax head when classes have at least this many examples on average (default 20). */
  headMinExamples?: number;
  headEpochs?: number;
  sparseSize?: number;
}

export interface IntentModel {
  labels: string[];
  /** Classes best first. */
  rank(vector: Float32Array, sparse: Sparse): ClassScore[];
}

function sparseDot(a: Sparse, b: Sparse): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.index.length && j < b.index.length) {
    const x = a.index[i]!;
    const y = b.index[j]!;
    if (x === y) s += a.value[i++]! * b.value[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/**
 * Few-shot friendly intent model: nearest example + centroid similarity on sentence embeddings, plus
 * lexical overlap; with many examples per class a softmax head is trained on top and blended in.
 * Training without the head is only grouping vectors, so a reload costs the embeddings alone.
 */
export function trainIntentModel(examples: readonly IntentExample[], options: IntentModelOptions = {}): IntentModel {
  const lexicalWeight = options.lexicalWeight ?? 0.25;
  const byLabel = new Map<string, IntentExample[]>();
  for (const e of examples) {
    const list = byLabel.get(e.label) ?? [];
    list.push(e);
    byLabel.set(e.label, list);
  }
  const labels = [...byLabel.keys()];
  const dim = examples[0]?.vector.length ?? 0;
  const classes = labels.map((label) => {
    const list = byLabel.get(label)!;
    const centroid = new Float32Array(dim);
    for (const e of list) for (let i = 0; i < dim; i++) centroid[i]! += e.vector[i]!;
    return { label, list, centroid: normalize(centroid) };
  });
  let head: SoftmaxModel | undefined;
  const headMin = options.headMinExamples ?? 20;
  if (labels.length > 1 && examples.length / labels.length >= headMin) {
    const sparseSize = options.sparseSize ?? 4096;
    head = trainSoftmax(
      examples.map((e) => ({ dense: e.vector, sparse: e.sparse })),
      examples.map((e) => e.label),
      sparseSize,
      { epochs: options.headEpochs ?? 8, learningRate: 0.5, l2: 1e-5 },
    );
  }
  return {
    labels,
    rank(vector, sparse) {
      const proba = head ? predictProba(head, { dense: vector, sparse }) : undefined;
      const scores = classes.map((c): ClassScore => {
        let nearest = -1;
        let lexical = 0;
        for (const e of c.list) {
          const s = dot(vector, e.vector);
          if (s > nearest) nearest = s;
          const l = sparseDot(sparse, e.sparse);
          if (l > lexical) lexical = l;
        }
        const centroid = dot(vector, c.centroid);
        let score = 0.5 * nearest + 0.5 * centroid + lexicalWeight * lexical;
        let probability: number | undefined;
        if (head && proba) {
          probability = proba[head.classes.indexOf(c.label)]!;
          score = 0.5 * score + 0.5 * probability;
        }
        return { label: c.label, score, nearest, centroid, lexical, probability };
      });
      return scores.sort((a, b) => b.score - a.score);
    },
  };
}
