import { describe, expect, it } from 'vitest';
import { groupCommit } from '../../store/group-commit.js';

/** A write that records its batches and finishes only when released. */
function slowWrite() {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  const write = (batch: number[]) => {
    batches.push(batch);
    return new Promise<number[]>((resolve) => releases.push(() => resolve(batch.map((n) => n * 10))));
  };
  return { batches, releases, write };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('groupCommit', () => {
  it('writes the calls of one event-loop turn together and answers each with its own result', async () => {
    const { batches, releases, write } = slowWrite();
    const accept = groupCommit(write);
    const answers = [1, 2, 3].map((n) => accept(n));
    await tick();
    expect(batches).toEqual([[1, 2, 3]]);
    releases[0]!();
    expect(await Promise.all(answers)).toEqual([10, 20, 30]);
  });

  it('holds the calls made while a write is under way for one next write, not one write per turn', async () => {
    const { batches, releases, write } = slowWrite();
    const accept = groupCommit(write);
    const first = accept(1);
    await tick();
    const later = [accept(2)];
    await tick();
    later.push(accept(3));
    await tick();
    later.push(accept(4));
    await tick();
    expect(batches).toEqual([[1]]);
    releases[0]!();
    expect(await first).toBe(10);
    await tick();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    releases[1]!();
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
  });

  it('fails every caller of a failed write, and only them: the next group is written as usual', async () => {
    let fail = true;
    const accept = groupCommit((batch: number[]) => {
      if (fail) throw new Error('store down');
      return batch;
    });
    const failed = [accept(1), accept(2)].map((p) => p.catch((e: Error) => e.message));
    expect(await Promise.all(failed)).toEqual(['store down', 'store down']);
    fail = false;
    expect(await Promise.all([accept(3), accept(4)])).toEqual([3, 4]);
  });

  it('finding 2: a group heavier than its byte budget goes in several writes, each within the budget (always one item), in order, one per turn of the loop', async () => {
    const { batches, releases, write } = slowWrite();
    const accept = groupCommit(write, { weigh: (n) => n, maxBytes: 10 });
    const answers = [6, 3, 4, 12, 1, 2].map((n) => accept(n));
    await tick();
    // 6 + 3 fits, 6 + 3 + 4 does not; 12 alone is over the budget but goes (always one).
    expect(batches).toEqual([[6, 3]]);
    releases[0]!();
    await tick();
    await tick();
    expect(batches).toEqual([[6, 3], [4]]);
    for (let i = 1; i < 4; i++) {
      releases[i]!();
      await tick();
      await tick();
    }
    expect(batches).toEqual([[6, 3], [4], [12], [1, 2]]);
    expect(await Promise.all(answers)).toEqual([60, 30, 40, 120, 10, 20]);
  });

  it('keeps a group of light items in one write under a byte budget', async () => {
    const { batches, releases, write } = slowWrite();
    const accept = groupCommit(write, { weigh: () => 1, maxBytes: 1024 });
    const answers = Array.from({ length: 64 }, (_, i) => accept(i));
    await tick();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(64);
    releases[0]!();
    expect(await Promise.all(answers)).toHaveLength(64);
  });
});
