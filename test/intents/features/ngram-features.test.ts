import { beforeAll, describe, expect, it } from 'vitest';
import { readyTf } from '../../../intents/learn/gram-matrix.js';
import { fitNgramIdf, ngramCounts, weighNgrams } from '../../../intents/features/ngram-features.js';
import { trainIntentModel, type IntentExample } from '../../../intents/classify/intent-model.js';
import { hashedStems } from '../../../intents/features/hashed-features.js';

const B = 1 << 12;
const norm = (v: number[]): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('n-gram features', () => {
  beforeAll(readyTf);

  it('counts word n-grams in the first half of the buckets and character n-grams in the second', () => {
    const c = ngramCounts('Transfer money', B);
    const words = [...c.index].filter((b) => b < B / 2);
    const chars = [...c.index].filter((b) => b >= B / 2);
    expect(words.length).toBe(3); // transfer, monei, "transfer monei" (barring a hash collision)
    // " transfer money ": 14 + 13 + 12 character n-grams of lengths 3, 4, 5, some buckets shared.
    expect([...c.value].filter((_, j) => c.index[j]! >= B / 2).reduce((s, x) => s + x, 0)).toBe(14 + 13 + 12);
    expect(chars.length).toBeGreaterThan(30);
  });

  it('weighs rare n-grams above common ones and normalises words and characters apart', () => {
    const docs = ['my card was declined', 'my card is lost', 'my parcel is late', 'my app crashes'].map((t) => ngramCounts(t, B));
    const idf = fitNgramIdf(docs, B);
    const w = weighNgrams(ngramCounts('my card was declined', B), idf);
    const value = (s: string) => w.value[[...w.index].indexOf(ngramCounts(s, B).index[0]!)]!;
    expect(value('declined')).toBeGreaterThan(value('my'));
    const half = (lo: boolean) => [...w.value].filter((_, j) => w.index[j]! < B / 2 === lo);
    expect(norm(half(true))).toBeCloseTo(1, 5);
    expect(norm(half(false))).toBeCloseTo(1, 5);
  });

  it('lets the softmax and the ridge heads tell classes apart by spelling alone when the embeddings say nothing', () => {
    const same = new Float32Array(8).fill(1 / Math.sqrt(8));
    const phrases: Record<string, string[]> = {
      pto: ['how much pto do i have', 'pto balance', 'days of pto left', 'check my pto'],
      transfer: ['transfer money to savings', 'make a transfer', 'transferring funds', 'send a transfer now'],
    };
    const examples: IntentExample[] = Object.entries(phrases).flatMap(([label, texts]) =>
      texts.map((t) => ({ label, vector: same, sparse: hashedStems(t, 4096), text: t })),
    );
    for (const head of ['softmax', 'ridge'] as const) {
      const model = trainIntentModel(examples, { head, headMinExamples: 2, headEpochs: 30, ngramBuckets: B });
      const top = (t: string) => model.rank(same, hashedStems(t, 4096), t)[0]!;
      expect(top('what is my pto').label).toBe('pto');
      expect(top('transfers to my savings').label).toBe('transfer');
      expect(top('transfers to my savings').probability).toBeGreaterThan(0.5);
    }
  });
});
