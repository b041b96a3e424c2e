import type { SqliteDatabase } from './open-database.js';

type InsertEvent = { run(channel: string, threadId: string, type: string, actor: string, at: number, data: string | null): unknown };

/**
 * The customer-replied part of a thread's life on SQLite (store/thread-state.ts, CUSTOMER_REPLIED_STATES has the rules):
 * a person's reply answers the follow-up (its next-response time recorded), the owner reads the
 * thread (the unread marker cleared), and the next-response times per day for the SLA report.
 */
export function createSqliteLifecycle(db: SqliteDatabase, insertEvent: InsertEvent) {
  const answered = db.prepare('UPDATE threads SET customer_replied_at = NULL, unread_at = NULL WHERE channel = ? AND thread_id = ?');
  const repliedAt = db.prepare('SELECT customer_replied_at FROM threads WHERE channel = ? AND thread_id = ?');
  const read = db.prepare(`
    UPDATE threads SET unread_at = NULL
    WHERE channel = @channel AND thread_id = @threadId
      AND (assignee IS NULL OR assignee = @reader OR assignee LIKE 'platform:%' OR state != 'agent')
    RETURNING *`);
  const nextDays = db.prepare(`
    SELECT strftime('%Y-%m-%d', at / 1000, 'unixepoch') AS day, data FROM thread_events WHERE type = 'human_next_response' AND at >= ? ORDER BY at`);

  return {
    /** Inside the reply's transaction: a person answered the thread's follow-up, if one waited. Returns how long it waited (ms), or null. */
    answerFollowUp(channel: string, threadId: string, actor: string, now: number): number | null {
      const row = repliedAt.get(channel, threadId) as { customer_replied_at: number | null } | undefined;
      if (!row?.customer_replied_at) return null;
      answered.run(channel, threadId);
      const ms = now - row.customer_replied_at;
      insertEvent.run(channel, threadId, 'human_next_response', actor, now, JSON.stringify({ ms }));
      return ms;
    },
    /** The thread row with its unread marker cleared, or undefined when someone else owns it (or there is no thread). */
    markRead(channel: string, threadId: string, reader: string): unknown {
      return read.get({ channel, threadId, reader });
    },
    nextResponseDays(since: number): { day: string; ms: number }[] {
      return (nextDays.all(since) as { day: string; data: string }[]).map((r) => ({
        day: r.day,
        ms: Number((JSON.parse(r.data) as { ms: number }).ms),
      }));
    },
  };
}
