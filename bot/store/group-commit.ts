/**
 * Group commit: the calls that arrive within one turn of the event loop are written together by
 * `write` (one transaction, one script call), and each caller is answered only once that write has
 * finished; if it fails, every caller of the group gets the error.
 */
export function groupCommit<In, Out>(write: (batch: In[]) => Out[] | Promise<Out[]>): (item: In) => Promise<Out> {
  let pending: { item: In; resolve: (r: Out) => void; reject: (e: unknown) => void }[] = [];
  const flush = async () => {
    const batch = pending;
    pending = [];
    try {
      const results = await write(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  };
  return (item) =>
    new Promise<Out>((resolve, reject) => {
      if (pending.push({ item, resolve, reject }) === 1) setImmediate(flush);
    });
}
