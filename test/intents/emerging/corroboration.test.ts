import { describe, expect, it } from 'vitest';
import { createEmergingGrouper, type EmergingMention } from '../../../intents/emerging/emerging-grouper.js';

const MIN = 60_000;
const T0 = Date.parse('2026-03-02T09:00:00Z');
const DIM = 32;

/** A unit vector `share` along one common meaning and the rest along a direction of its own. */
function meaning(share: number, own: number): Float32Array {
  const v = new Float32Array(DIM);
  v[0] = share;
  if (own > 0) v[own] = Math.sqrt(1 - share * share);
  return v;
}

/** A mention whose words and spelling share nothing with any other's: only its meaning can link it. */
const worded = (k: number, at: number, author: string, embedding: Float32Array, text = `@acme w${k}q`): EmergingMention => ({
  key: `m${k}`,
  at: T0 + at * MIN,
  author,
  text,
  embedding,
});

describe('emerging incidents: customers vouching for one another', () => {
  it('joins a newcomer to a group when three of its customers are each moderately like it, not one customer thrice', () => {
    const run = (authors: string[]) => {
      const g = createEmergingGrouper();
      const core = meaning(1, 0);
      authors.forEach((a, k) => g.add(worded(k, k, a, core, '@acme router offline again')));
      // Moderately like each member (below the near-member likeness), in words of its own.
      g.add(worded(9, 5, '@new', meaning(0.8, 1)));
      return g.groupOf('m9') === g.groupOf('m0');
    };
    expect(run(['@a', '@b', '@c'])).toBe(true);
    expect(run(['@a', '@a', '@a'])).toBe(false);
    expect(run(['@a', '@b'])).toBe(false);
  });

  it('starts a group from three lone mentions by other customers that a newcomer is moderately like', () => {
    const run = (witnesses: number) => {
      const g = createEmergingGrouper();
      for (let k = 1; k <= witnesses; k++) g.add(worded(k, k, `@c${k}`, meaning(0.8, k)));
      g.add(worded(0, 10, '@new', meaning(1, 0)));
      return [...Array(witnesses).keys()].map((k) => g.groupOf(`m${k + 1}`) === g.groupOf('m0'));
    };
    expect(run(3)).toEqual([true, true, true]);
    expect(run(2)).toEqual([false, false]);
  });

  it('raises a wave in which every customer words it differently, and not mentions only loosely alike', () => {
    const raised = (share: number) => {
      const g = createEmergingGrouper({ minSize: 8, minAuthors: 5 });
      // Nine customers within 40 minutes, no two near enough alone.
      return [...Array(9).keys()].filter((k) => g.add(worded(k, k * 5, `@c${k}`, meaning(share, k + 1))).raised).length;
    };
    expect(raised(0.85)).toBe(1);
    expect(raised(0.7)).toBe(0);
  });
});
