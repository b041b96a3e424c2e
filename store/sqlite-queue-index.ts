import type { SqliteDatabase } from './open-database.js';
import type { QueueEntry, QueueIndexStore, QueueViewName } from './queue-index.js';

// Each view's rows as the partial indexes of the queue migration have them (store/migrations-10-on.ts).
// Named, because without statistics the planner prefers the state index and sorts every open thread.
const VIEW_INDEX: Record<QueueViewName, string> = {
  open: 'threads_queue_open',
  waiting: 'threads_queue_waiting',
  replied: 'threads_queue_replied',
  mine: 'threads_queue_mine',
};
const VIEW_WHERE: Record<QueueViewName, string> = {
  open: `state IN ('waiting', 'agent')`,
  waiting: `state = 'waiting'`,
  replied: `state IN ('waiting', 'agent') AND customer_replied_at IS NOT NULL`,
  mine: `state = 'agent' AND assignee = @assignee`,
};

/** The queue in queue order on SQLite: threads.queue_score, a generated column, read through partial indexes. */
export function createSqliteQueueIndex(db: SqliteDatabase): Omit<QueueIndexStore, 'slaClocks'> {
  const statements = (sql: (where: string, index: string) => string) =>
    Object.fromEntries(
      Object.entries(VIEW_WHERE).map(([view, where]) => [view, db.prepare(sql(where, VIEW_INDEX[view as QueueViewName])).raw(true)]),
    ) as Record<QueueViewName, ReturnType<SqliteDatabase['prepare']>>;
  const after = statements(
    (where, index) =>
      `SELECT channel, thread_id, queue_score FROM threads INDEXED BY ${index} WHERE ${where} AND queue_score > @after ORDER BY queue_score LIMIT @limit`,
  );
  const at = statements(
    (where, index) => `SELECT channel, thread_id, queue_score FROM threads INDEXED BY ${index} WHERE ${where} AND queue_score = @score`,
  );
  const counts = db
    .prepare(`
    SELECT
      (SELECT count(*) FROM threads WHERE ${VIEW_WHERE.open}),
      (SELECT count(*) FROM threads WHERE ${VIEW_WHERE.waiting}),
      (SELECT count(*) FROM threads WHERE ${VIEW_WHERE.replied}),
      (SELECT count(*) FROM threads WHERE ${VIEW_WHERE.mine})`)
    .raw(true);
  const unranked = db
    .prepare(`SELECT channel, thread_id, queue_seq FROM threads WHERE queue_priority IS NULL AND state IN ('waiting', 'agent')`)
    .raw(true);
  // queue_seq moves on with every change of an open thread or its mentions (the queue journal's triggers).
  const rank = db.prepare(
    'UPDATE threads SET queue_priority = ? WHERE channel = ? AND thread_id = ? AND queue_seq = ? AND queue_priority IS NULL',
  );
  const rankAll = db.transaction((ranks: Parameters<QueueIndexStore['rankThreads']>[0]) => {
    for (const r of ranks) rank.run(r.priority, r.channel, r.threadId, r.gen);
  });
  const entries = (rows: unknown[]): QueueEntry[] =>
    (rows as [string, string, number][]).map(([channel, threadId, score]) => ({ channel, threadId, score }));

  return {
    async queueEntries(q) {
      const rows = after[q.view].all({ assignee: q.assignee ?? '', after: q.after ?? -1, limit: q.limit }) as [string, string, number][];
      const last = rows.at(-1);
      if (!last || rows.length < q.limit) return entries(rows);
      // The last score's ties past the limit: the caller orders ties by key.
      const seen = new Set(rows.filter((r) => r[2] === last[2]).map((r) => `${r[0]}\n${r[1]}`));
      const ties = (at[q.view].all({ assignee: q.assignee ?? '', score: last[2] }) as [string, string, number][]).filter(
        (r) => !seen.has(`${r[0]}\n${r[1]}`),
      );
      return entries([...rows, ...ties]);
    },
    async queueEntriesAt(q) {
      return entries(at[q.view].all({ assignee: q.assignee ?? '', score: q.score }));
    },
    async queueCounts(assignee) {
      const [open, waiting, replied, mine] = counts.get({ assignee }) as number[];
      return { open: open!, waiting: waiting!, replied: replied!, mine: mine! };
    },
    async unrankedThreads() {
      return (unranked.all() as [string, string, number][]).map(([channel, threadId, gen]) => ({ channel, threadId, gen }));
    },
    async rankThreads(ranks) {
      rankAll(ranks);
    },
  };
}
