import { beforeAll, describe, expect, it } from 'vitest';
import { trainIntentModel, type IntentExample } from '../../../intents/classify/intent-model.js';
import { hashedStems } from '../../../intents/features/hashed-features.js';
import { normalize } from '../../../intents/embedding/embedder.js';
import { readyTf } from '../../../intents/learn/gram-matrix.js';
import { rng } from '../../../intents/learn/softmax-regression.js';

const random = rng(3);
const vector = (dim: number): Float32Array => normalize(Float32Array.from({ length: dim }, () => random() - 0.5));
const WORDS = ['parcel', 'late', 'app', 'down', 'refund', 'code', 'login', 'order', 'crash', 'deal'];
const text = (): string => Array.from({ length: 4 }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');

describe('intent model: batched ranking', () => {
  beforeAll(readyTf);

  it('ranks a batch on WASM exactly as one query at a time (ridge heads on the embedding and the n-grams, lexical overlap)', () => {
    const dim = 24;
    const examples: IntentExample[] = Array.from({ length: 60 }, (_, i) => {
      const t = text();
      return { label: `class-${i % 6}`, vector: vector(dim), sparse: hashedStems(t, 4096), text: t };
    });
    const model = trainIntentModel(examples, { head: 'ridge' });
    const queries = Array.from({ length: 9 }, () => {
      const t = text();
      return { vector: vector(dim), sparse: hashedStems(t, 4096), text: t };
    });
    const batched = model.rankMany(
      queries.map((q) => q.vector),
      queries.map((q) => q.sparse),
      queries.map((q) => q.text),
    );
    queries.forEach((q, i) => {
      const one = model.rank(q.vector, q.sparse, q.text);
      expect(batched[i]!.map((c) => c.label)).toEqual(one.map((c) => c.label));
      batched[i]!.forEach((c, k) => {
        expect(c.score).toBeCloseTo(one[k]!.score, 4);
        expect(c.nearest).toBeCloseTo(one[k]!.nearest, 4);
        expect(c.probability).toBeCloseTo(one[k]!.probability!, 4);
      });
    });
  });
});
