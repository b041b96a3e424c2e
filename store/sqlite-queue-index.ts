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
  // A row value after the cursor: the index (score, channel, thread id) is read from the cursor on.
  const after = statements(
    (where, index) =>
      `SELECT channel, thread_id, queue_score FROM threads INDEXED BY ${index} WHERE ${where}
        AND (queue_score, channel, thread_id) > (@score, @channel, @threadId) ORDER BY queue_score, channel, thread_id LIMIT @limit`,
  );
  // A team queue: the same index range, each thread's team looked up by key (thread_teams' primary key).
  const inTeams = `LEFT JOIN thread_teams tt ON tt.channel = threads.channel AND tt.thread_id = threads.thread_id
    WHERE (tt.team IN (SELECT value FROM json_each(@teams)) OR (tt.team IS NULL AND @noTeam))`;
  const teamAfter = statements(
    (where, index) =>
      `SELECT threads.channel, threads.thread_id, queue_score FROM threads INDEXED BY ${index} ${inTeams} AND ${where}
        AND (queue_score, threads.channel, threads.thread_id) > (@score, @channel, @threadId)
        ORDER BY queue_score, threads.channel, threads.thread_id LIMIT @limit`,
  );
  const teamCount = statements((where, index) => `SELECT count(*) FROM threads INDEXED BY ${index} ${inTeams} AND ${where}`);
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
      const { score, channel, threadId } = q.after ?? { score: -1, channel: '', threadId: '' };
      return entries(after[q.view].all({ assignee: q.assignee ?? '', score, channel, threadId, limit: q.limit }));
    },
    async queueEntriesInTeams(q) {
      const { score, channel, threadId } = q.after ?? { score: -1, channel: '', threadId: '' };
      const cut = { assignee: q.assignee ?? '', teams: JSON.stringify(q.teams), noTeam: q.noTeam ? 1 : 0 };
      const rows = teamAfter[q.view].all({ ...cut, score, channel, threadId, limit: q.limit });
      const [total] = teamCount[q.view].get(cut) as [number];
      return { entries: entries(rows), total };
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
