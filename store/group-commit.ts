import { takeWithin } from './step-budget.js';

export interface GroupCommitLimit<In> {
  /** An item's weight (its text's bytes). */
  weigh: (item: In) => number;
  /** A write takes items until their weights pass this (always at least one); the rest go in the next write. */
  maxBytes: number;
}

/**
 * Group commit: the calls that arrive within one turn of the event loop are written together by
 * `write` (one transaction, one script call), and each caller is answered only once that write has
 * finished; if it fails, every caller of the group gets the error. One write is under way at a time:
 * the calls that arrive meanwhile wait for it and go together in the next, so an asynchronous store
 * (Redis) gets fewer, larger writes the busier it is, for at most one more round trip of latency.
 * With `limit`, a group heavier than its budget is split: each write carries at most about the budget
 * and the next waits for a later turn of the loop, so a synchronous store (SQLite) never holds the
 * loop for many large mentions at once.
 */
export function groupCommit<In, Out>(
  write: (batch: In[]) => Out[] | Promise<Out[]>,
  limit?: GroupCommitLimit<In>,
): (item: In) => Promise<Out> {
  type Pending = { item: In; resolve: (r: Out) => void; reject: (e: unknown) => void };
  let pending: Pending[] = [];
  let writing = false;
  const flush = async () => {
    const n = limit ? takeWithin(pending, (p) => limit.weigh(p.item), limit.maxBytes) : pending.length;
    const batch = pending.slice(0, n);
    pending = pending.slice(n);
    writing = true;
    try {
      const results = await write(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (err) {
      for (const p of batch) p.reject(err);
    } finally {
      writing = false;
      if (pending.length > 0) setImmediate(flush);
    }
  };
  return (item) =>
    new Promise<Out>((resolve, reject) => {
      if (pending.push({ item, resolve, reject }) === 1 && !writing) setImmediate(flush);
    });
}
