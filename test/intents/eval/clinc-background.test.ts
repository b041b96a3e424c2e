import { describe, expect, it } from 'vitest';
import { evalClinc } from '../../../intents/eval/clinc-eval.js';
import { withCache } from '../../../intents/embedding/cached-embedder.js';
import { normalize, type Embedder } from '../../../intents/embedding/embedder.js';
import type { ClincSplits } from '../../../intents/eval/datasets/clinc.js';

// Topic words pick a direction (out-of-scope "pizza weather" leans towards weather); the text's length adds a little spread within a topic.
const TOPICS = ['weather', 'balance', 'pizza'];
const fakeEmbedder: Embedder = {
  id: 'fake-topics',
  dimensions: 4,
  async embed(texts) {
    return texts.map((t) => {
      const v = new Float32Array(4);
      TOPICS.forEach((w, i) => (v[i] = t.includes(w) ? 1 : 0));
      v[3] = (t.length % 7) / 20;
      return normalize(v);
    });
  },
};

const items = (word: string, label: string, from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ text: `${word} question number ${from + i}${'!'.repeat(i % 5)}`, label }));

const data: ClincSplits = {
  train: [...items('weather', 'weather', 0, 6), ...items('balance', 'balance', 0, 6)],
  val: [...items('weather', 'weather', 10, 4), ...items('balance', 'balance', 10, 4)],
  test: [...items('weather', 'weather', 20, 4), ...items('balance', 'balance', 20, 4)],
  oosTrain: items('pizza weather', 'oos', 0, 6),
  oosVal: items('pizza weather', 'oos', 10, 3),
  oosTest: items('pizza weather', 'oos', 20, 5),
};

describe('CLINC evaluation with oos_train as a background class', () => {
  it('never answers a mention ranked closest to the background, and still answers in-scope ones', async () => {
    const r = await evalClinc(withCache(fakeEmbedder), data, { model: { head: 'none' } });
    expect(r.backgroundExamples).toBe(6);
    expect(r.test.oos_recall).toBe(1);
    expect(r.test.in_scope_accuracy).toBeGreaterThan(0.5);
  });

  it('trains on in-scope intents only when asked; then look-alike out-of-scope mentions get answered', async () => {
    const r = await evalClinc(withCache(fakeEmbedder), data, { model: { head: 'none' }, oosClass: false });
    expect(r.backgroundExamples).toBe(0);
    expect(r.test.oos_recall).toBeLessThan(1);
  });

  it('reports the limit of the scores on test: the threshold picked on test meets the rule there', async () => {
    const full = await evalClinc(withCache(fakeEmbedder), data, { model: { head: 'none' }, oosClass: false, minOosRecall: 0.6 });
    expect(full.ceiling.test.oos_recall).toBeGreaterThanOrEqual(0.6);
    // The lowest such threshold: every val-picked threshold that also meets the floor on test answers no more.
    for (const c of full.curve.filter((c) => c.test.oos_recall >= 0.6)) {
      expect(full.ceiling.test.in_scope_answered_rate).toBeGreaterThanOrEqual(c.test.in_scope_answered_rate);
    }
    const few = await evalClinc(withCache(fakeEmbedder), data, { model: { head: 'none' }, shots: 4, maxWrongRate: 0.02 });
    expect(few.ceiling.test_weighted!.wrong_answer_rate).toBeLessThanOrEqual(0.02);
  });
});
