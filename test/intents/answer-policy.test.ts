import { describe, expect, it } from 'vitest';
import { entrySchema, isEntryActive, type KnowledgeEntry } from '../../config/knowledge/schema.js';
import { decideAnswer } from '../../intents/answer-policy.js';
import type { ClassScore } from '../../intents/classify/intent-model.js';
import { isBackground, isNegative, negativeOf } from '../../intents/background.js';

const entry = (id: string, extra: Record<string, unknown> = {}): KnowledgeEntry =>
  entrySchema.parse({ id, kind: 'incident', title: id, examples: ['an example'], reply: 'r', ...extra });

const score = (label: string, s: number): ClassScore => ({ label, score: s, nearest: s, centroid: s, lexical: 0 });

// Confidence stand-in: the top score itself, so the tests control it directly.
const byTopScore = (ranked: readonly ClassScore[]): number => ranked[0]?.score ?? 0;

describe('answer policy', () => {
  const outage = entry('outage');
  const promo = entry('promo', { kind: 'campaign' });

  it('answers a matching active incident above the threshold', () => {
    const d = decideAnswer({
      ranked: [score('outage', 0.95), score('promo', 0.3)],
      active: [outage, promo],
      confidence: byTopScore,
      threshold: 0.9,
    });
    expect(d).toMatchObject({ action: 'answer', entryId: 'outage', confidence: 0.95 });
    expect(d.scores.threshold).toBe(0.9);
  });

  it('does not answer a confident ranking when no example of the entry is close to the mention', () => {
    const weak = { ...score('outage', 0.6), nearest: 0.5 };
    const d = decideAnswer({ ranked: [weak, score('promo', 0.1)], active: [outage, promo], confidence: () => 0.95, threshold: 0.9 });
    expect(d).toMatchObject({ action: 'handoff', reason: 'below_threshold', bestEntryId: 'outage', confidence: 0.95 });
    expect(d.scores.weak_match).toBe(1);
    const close = { ...weak, nearest: 0.6 };
    expect(
      decideAnswer({ ranked: [close, score('promo', 0.1)], active: [outage, promo], confidence: () => 0.95, threshold: 0.9 }),
    ).toMatchObject({
      action: 'answer',
      entryId: 'outage',
    });
  });

  it('hands a below-threshold (out-of-scope) mention to a human, keeping the scores', () => {
    const d = decideAnswer({
      ranked: [score('promo', 0.4), score('outage', 0.35)],
      active: [outage, promo],
      confidence: byTopScore,
      threshold: 0.9,
    });
    expect(d).toMatchObject({ action: 'handoff', reason: 'below_threshold', bestEntryId: 'promo' });
    expect(d.scores.confidence).toBeCloseTo(0.4);
  });

  it('never answers with an inactive entry, even the best match', () => {
    const expired = entry('old-promo', { window: { start: '2025-01-01T00:00:00Z', end: '2025-02-01T00:00:00Z' } });
    const otherChannel = entry('mastodon-only', { channels: ['mastodon'] });
    const at = new Date('2026-11-23T12:00:00Z');
    const all = [expired, otherChannel, outage];
    const active = all.filter((e) => isEntryActive(e, 'x', at));
    expect(active.map((e) => e.id)).toEqual(['outage']);
    const d = decideAnswer({
      ranked: [score('old-promo', 0.99), score('mastodon-only', 0.98), score('outage', 0.5)],
      active,
      confidence: byTopScore,
      threshold: 0.9,
    });
    expect(d.action).toBe('handoff');
    expect(d).toMatchObject({ bestEntryId: 'outage' });
    const none = decideAnswer({ ranked: [score('old-promo', 0.99)], active: [], confidence: byTopScore, threshold: 0.9 });
    expect(none).toMatchObject({ action: 'handoff', reason: 'no_active_entry' });
  });

  it('hands off when a background class beats every active entry, however high the entry scores', () => {
    const isBackground = (label: string) => label.startsWith('~');
    const ranked = [score('~travel', 0.97), score('outage', 0.96), score('promo', 0.2)];
    const d = decideAnswer({ ranked, active: [outage, promo], confidence: byTopScore, threshold: 0.9, isBackground });
    expect(d).toMatchObject({ action: 'handoff', reason: 'below_threshold', bestEntryId: 'outage', confidence: 0 });
    expect(d.scores.background).toBe(1);
    // The same ranking without background classes answers: the background is what stops it.
    expect(decideAnswer({ ranked, active: [outage, promo], confidence: byTopScore, threshold: 0.9 })).toMatchObject({
      action: 'answer',
      entryId: 'outage',
    });
    // A background class below the entry only serves as its runner-up.
    const below = decideAnswer({
      ranked: [score('outage', 0.95), score('~travel', 0.5)],
      active: [outage],
      confidence: byTopScore,
      threshold: 0.9,
      isBackground,
    });
    expect(below).toMatchObject({ action: 'answer', entryId: 'outage' });
  });

  it('lets a negative-example class win when it is as close as the entry, even with a lower combined score', () => {
    const isBackground = (label: string) => label.startsWith('~');
    const winsOnNearest = (label: string) => label.startsWith('~not-');
    const entryScore: ClassScore = { label: 'outage', score: 0.7, nearest: 0.82, centroid: 0.77, lexical: 0.6 };
    const negative: ClassScore = { label: '~not-outage', score: 0.6, nearest: 0.8, centroid: 0.84, lexical: 0.5 };
    const d = decideAnswer({
      ranked: [entryScore, negative],
      active: [outage],
      confidence: () => 0.99,
      threshold: 0.9,
      isBackground,
      winsOnNearest,
    });
    expect(d).toMatchObject({ action: 'handoff', bestEntryId: 'outage' });
    // Farther than the entry on both counts: it only serves as the runner-up.
    const far = { ...negative, nearest: 0.5, centroid: 0.5 };
    const a = decideAnswer({
      ranked: [entryScore, far],
      active: [outage],
      confidence: () => 0.99,
      threshold: 0.9,
      isBackground,
      winsOnNearest,
    });
    expect(a).toMatchObject({ action: 'answer', entryId: 'outage' });
  });

  it("issue 15: one entry's negative examples speak against that entry only, never take a mention from another", () => {
    const queso = entry('queso');
    const deal = entry('costume-deal');
    const input = {
      // The deal's negative examples ("the queso on my deal burrito was bad") sit closest to a queso complaint.
      ranked: [score('~not-costume-deal', 0.7), score('queso', 0.95), score('costume-deal', 0.5)],
      confidence: byTopScore,
      threshold: 0.9,
      isBackground: isBackground,
      winsOnNearest: isNegative,
      againstEntry: negativeOf,
    };
    expect(decideAnswer({ ...input, active: [queso, deal] })).toMatchObject({ action: 'answer', entryId: 'queso' });
    // Against its own entry it still wins.
    const dealFirst = [score('~not-costume-deal', 0.7), score('costume-deal', 0.95), score('queso', 0.5)];
    expect(decideAnswer({ ...input, ranked: dealFirst, active: [queso, deal] })).toMatchObject({
      action: 'handoff',
      bestEntryId: 'costume-deal',
    });
    // A background class of its own (a built-in topic) still speaks against every entry.
    const builtinFirst = [score('~refund', 0.97), score('queso', 0.95)];
    expect(decideAnswer({ ...input, ranked: builtinFirst, active: [queso, deal] })).toMatchObject({ action: 'handoff' });
  });
});
