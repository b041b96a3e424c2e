import type { SqliteDatabase } from './open-database.js';
import type { HandoffStore } from './handoff-store.js';
import type { SlaNotice } from './queue-index.js';

// Each notice's threads as the partial indexes of migration 22 have them (the same terms, so the index is used).
const CLOCK_WHERE: Record<SlaNotice, { start: string; where: string }> = {
  warning: {
    start: 'handoff_at',
    where: `state IN ('waiting', 'agent') AND handoff_at IS NOT NULL
    AND first_human_reply_at IS NULL AND customer_replied_at IS NULL AND sla_warning_since IS NOT handoff_at
    AND sla_breach_since IS NOT handoff_at`,
  },
  breach: {
    start: 'handoff_at',
    where: `state IN ('waiting', 'agent') AND handoff_at IS NOT NULL
    AND first_human_reply_at IS NULL AND customer_replied_at IS NULL AND sla_breach_since IS NOT handoff_at`,
  },
  next_breach: {
    start: 'customer_replied_at',
    where: `state IN ('waiting', 'agent')
    AND customer_replied_at IS NOT NULL AND sla_next_breach_since IS NOT customer_replied_at`,
  },
};

const NOTICES = new Set<string>(Object.keys(CLOCK_WHERE).map((n) => `sla_${n}`));

/**
 * The SLA clocks on SQLite: each notice's threads read through its partial index in clock order, and
 * an SLA notice's event recorded with, on the thread, the clock start it was for (so the thread leaves
 * that index). A notice found already recorded is copied to the thread too.
 */
export function createSqliteSlaClocks(db: SqliteDatabase): Pick<HandoffStore, 'slaClocks' | 'recordEventOnce'> {
  const clocks = Object.fromEntries(
    Object.entries(CLOCK_WHERE).map(([notice, { start, where }]) => [
      notice,
      // Named, because without statistics the planner prefers the state index and sorts every open thread.
      db
        .prepare(
          `SELECT channel, thread_id, ${start} FROM threads INDEXED BY threads_sla_${notice} WHERE ${where} ORDER BY ${start} LIMIT ?`,
        )
        .raw(true),
    ]),
  ) as Record<SlaNotice, ReturnType<SqliteDatabase['prepare']>>;
  const insertEventOnce = db.prepare(`
    INSERT INTO thread_events (channel, thread_id, type, actor, at, data)
    SELECT @channel, @threadId, @type, @actor, @at, @data
    WHERE NOT EXISTS (SELECT 1 FROM thread_events WHERE channel = @channel AND thread_id = @threadId AND type = @type AND at >= @since)`);
  const marks = Object.fromEntries(
    [...NOTICES].map((type) => [
      type,
      db.prepare(
        `UPDATE threads SET ${type}_since = @since WHERE channel = @channel AND thread_id = @threadId AND ${type}_since IS NOT @since`,
      ),
    ]),
  );
  const recordOnce = db.transaction((e: Parameters<HandoffStore['recordEventOnce']>[0], since: number) => {
    const data = e.data ? JSON.stringify(e.data) : null;
    const recorded =
      insertEventOnce.run({ channel: e.channel, threadId: e.threadId, type: e.type, actor: e.actor, at: e.at, data, since }).changes === 1;
    marks[e.type]?.run({ channel: e.channel, threadId: e.threadId, since });
    return recorded;
  });

  return {
    async slaClocks(q) {
      return (clocks[q.notice].all(q.limit) as [string, string, number][]).map(([channel, threadId, since]) => ({
        channel,
        threadId,
        since,
      }));
    },
    async recordEventOnce(e, since) {
      return recordOnce(e, since);
    },
  };
}
