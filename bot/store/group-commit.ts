/**
 * Group commit: the calls that arrive within one turn of the event loop are written together by
 * `write` (one transaction, one script call), and each caller is answered only once that write has
 * finished; if it fails, every caller of the group gets the error. One write is under way at a time:
 * the calls that arrive meanwhile wait for it and go together in the next, so an asynchronous store
 * (Redis) gets fewer, larger writes the busier it is, for at most one more round trip of latency.
 */
export function groupCommit<In, Out>(write: (batch: In[]) => Out[] | Promise<Out[]>): (item: In) => Promise<Out> {
  let pending: { item: In; resolve: (r: Out) => void; reject: (e: unknown) => void }[] = [];
  let writing = false;
  const flush = async () => {
    const batch = pending;
    pending = [];
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
