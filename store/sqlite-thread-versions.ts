import type { SqliteDatabase } from './open-database.js';
import type { HandoffStore } from './handoff-store.js';
import { mentionFromRow, type MentionRowWithDecision } from './sqlite-rows.js';
import { toThread, type ThreadRow } from './sqlite-thread-row.js';

// The start of a long text only (text_head): a listing of many threads never reads whole texts.
export const LATEST_MENTION_SQL = `
  SELECT id, channel, platform_id, thread_id, author, author_is_bot, COALESCE(text_head, text) AS text, created_at, permalink,
    reply_context, received_at, deadline_at, status, attempts, decision
  FROM mentions WHERE channel = ? AND thread_id = ? AND status != 'ignored' ORDER BY id DESC LIMIT 1`;

/** The queue's change check on SQLite: thread rows and their latest mention's id, then whole rows for the changed only. */
export function createSqliteThreadVersions(
  db: SqliteDatabase,
): Pick<HandoffStore, 'listOpenThreadVersions' | 'listThreadsOf' | 'openThreadChanges'> {
  // Rows as arrays (raw): at thousands of open threads, building row objects is most of the read.
  const versions = db
    .prepare(`
    SELECT t.channel, t.thread_id, t.state, t.assignee, t.updated_at, t.handoff_at, t.claimed_at,
      t.first_human_reply_at, t.last_agent_activity_at, t.reply_failure, t.reply_failed_at, t.customer_replied_at, t.unread_at,
      m.id, m.status
    FROM threads t
    LEFT JOIN mentions m ON m.id = (
      SELECT id FROM mentions WHERE channel = t.channel AND thread_id = t.thread_id AND status != 'ignored' ORDER BY id DESC LIMIT 1)
    WHERE t.state IN ('waiting', 'agent')`)
    .raw(true);
  const getThread = db.prepare('SELECT * FROM threads WHERE channel = ? AND thread_id = ?');
  const latestMention = db.prepare(LATEST_MENTION_SQL);
  // Stamped by the triggers of the queue journal (store/migrations.ts): an index range, not a scan.
  const clock = db.prepare('SELECT seq FROM queue_clock WHERE id = 1').pluck();
  const changedSince = db
    .prepare(`SELECT channel, thread_id, state IN ('waiting', 'agent') FROM threads WHERE queue_seq > ? AND queue_seq <= ?`)
    .raw(true);
  const changes = db.transaction((since: number | null) => {
    const token = clock.get() as number;
    const rows = since === null ? [] : (changedSince.all(since, token) as [string, string, number][]);
    return { token, changed: rows.map(([channel, threadId, open]) => ({ channel, threadId, open: open === 1 })) };
  });
  return {
    async openThreadChanges(since) {
      return changes(since);
    },
    async listOpenThreadVersions() {
      return (versions.all() as (string | number | null)[][]).map((r) => ({
        channel: r[0] as string,
        threadId: r[1] as string,
        // Every column after the key ('' for null), as the Redis store builds it.
        version: r.slice(2).join('|'),
      }));
    },
    async listThreadsOf(refs) {
      return refs.flatMap(({ channel, threadId }) => {
        const row = getThread.get(channel, threadId) as ThreadRow | undefined;
        if (!row) return [];
        const latest = latestMention.get(channel, threadId) as MentionRowWithDecision | undefined;
        return [{ thread: toThread(row), latest: latest && mentionFromRow(latest) }];
      });
    },
  };
}
