import { describe, expect, it, vi } from 'vitest';

// Counts the descriptions (each reads every member's words) while the real function does the work.
const described = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../../../intents/emerging/distinguishing-words.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../intents/emerging/distinguishing-words.js')>();
  return {
    ...real,
    distinguishingWords: (...args: Parameters<typeof real.distinguishingWords>) => {
      described.calls++;
      return real.distinguishingWords(...args);
    },
  };
});

const { createEmergingGrouper } = await import('../../../intents/emerging/emerging-grouper.js');

const PHRASES = [
  'the app will not load my playlists since this morning',
  'playlists not loading in the app at all',
  'is the app down? my playlists will not load',
  'cannot load playlists, app just spins',
];

describe('a large wave (a burst of one issue)', () => {
  it('is described again as it grows, not at every newcomer (a description reads every member)', () => {
    const grouper = createEmergingGrouper();
    const T0 = Date.parse('2026-03-02T09:00:00Z');
    let raised = 0;
    const groups = new Set<number>();
    for (let i = 0; i < 3000; i++) {
      const r = grouper.add({ key: `m${i}`, at: T0 + i * 500, author: `@user${i}`, text: `@acme ${PHRASES[i % PHRASES.length]}` });
      if (r.raised) raised++;
      groups.add(r.groupId);
    }
    expect(raised).toBeGreaterThanOrEqual(1);
    // Thousands joined a handful of raised groups: descriptions grow with the log of the size.
    expect(groups.size).toBeLessThan(10);
    expect(described.calls).toBeLessThan(40 * raised);
    expect(described.calls).toBeLessThan(200);
    // The description read at the end still counts everyone who joined.
    const [first] = grouper.raisedIds();
    expect(grouper.describe(first!)!.size).toBeGreaterThan(500);
  });
});
