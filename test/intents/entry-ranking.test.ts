import { describe, expect, it } from 'vitest';
import { rankActiveEntries } from '../../intents/entry-ranking.js';
import type { ClassScore } from '../../intents/classify/intent-model.js';
import type { IntentExamples } from '../../intents/intent-examples.js';

const score = (label: string, s: number): ClassScore => ({ label, score: s, nearest: s, centroid: s, lexical: 0 });
const entry = (id: string) => ({ id, keywords: [], examples: [], negative_examples: [] }) as unknown as IntentExamples;

describe('rankActiveEntries', () => {
  const ranked = [score('bg:refund', 0.9), score('inactive', 0.8), score('a', 0.7), score('b', 0.5), score('c', 0.4), score('d', 0.1)];
  const active = [entry('a'), entry('b'), entry('c'), entry('d')];
  // A stand-in for the calibrated confidence: the margin of the first over the second.
  const margin = (r: readonly ClassScore[]) => Math.max(0, r[0]!.score - (r[1]?.score ?? 0));

  it('keeps the active entries only (no background class, no inactive entry), best first, at most the limit', () => {
    expect(rankActiveEntries(ranked, active, margin, 3).map((r) => r.entryId)).toEqual(['a', 'b', 'c']);
    expect(rankActiveEntries(ranked, [], margin, 3)).toEqual([]);
  });

  it('gives each the confidence of the ranking with it put first', () => {
    const out = rankActiveEntries(ranked, active, margin, 3);
    expect(out[0]!.confidence).toBeCloseTo(0.2);
    // b first, then a (0.7): b's margin is negative, so 0.
    expect(out[1]!.confidence).toBe(0);
  });
});
