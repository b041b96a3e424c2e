import type { SqliteDatabase } from './open-database.js';
import { toMention, type MentionRow } from './sqlite-rows.js';
import type { HandoffStore, HandoffThread, NoReplyHandoff, NoReplyMention } from './handoff-store.js';

type NoReplyRow = MentionRow & {
  reason: string | null;
  handed_off_by: string | null;
  handed_off_at: number | null;
  courtesy_text: string | null;
  courtesy_status: string | null;
};

// The start of a long text only (text_head), as the queue: a page of many mentions never reads whole texts.
const COLUMNS = `m.id, m.channel, m.platform_id, m.thread_id, m.author, m.author_is_bot, COALESCE(m.text_head, m.text) AS text,
  m.created_at, m.permalink, m.reply_context, m.received_at, m.deadline_at, m.status, m.attempts, NULL AS decision,
  json_extract(m.decision, '$.reason') AS reason, m.handed_off_by, m.handed_off_at,
  c.text AS courtesy_text, c.status AS courtesy_status`;
// The first part of the courtesy reply (one post in practice), through the outbox's mention index.
const COURTESY = `LEFT JOIN outbox c ON c.id = (SELECT id FROM outbox WHERE mention_id = m.id AND kind = 'courtesy' ORDER BY id LIMIT 1)`;

const toNoReply = (r: NoReplyRow): NoReplyMention => ({
  mention: toMention(r),
  reason: r.reason ?? 'unknown',
  courtesy: r.courtesy_text === null ? null : { text: r.courtesy_text, status: r.courtesy_status ?? 'pending' },
  handedOff: r.handed_off_by === null ? null : { by: r.handed_off_by, at: r.handed_off_at ?? 0 },
});

/**
 * The no-reply view of the SQLite handoff store: pages newest first from the mentions_no_reply index
 * (by reason) or the status index (all), and the agent's handoff of one, in one transaction.
 */
export function createSqliteNoReply(
  db: SqliteDatabase,
  getThread: (channel: string, threadId: string) => HandoffThread | undefined,
): Pick<HandoffStore, 'listNoReply' | 'handOffNoReply'> {
  const all = db.prepare(
    `SELECT ${COLUMNS} FROM mentions m ${COURTESY} WHERE m.status = 'no_reply' AND m.id < @before ORDER BY m.id DESC LIMIT @limit`,
  );
  const byReason = db.prepare(`
    SELECT ${COLUMNS} FROM mentions m ${COURTESY}
    WHERE m.status = 'no_reply' AND json_extract(m.decision, '$.reason') = @reason AND m.id < @before ORDER BY m.id DESC LIMIT @limit`);
  const mention = db.prepare(
    `SELECT channel, thread_id, status, json_extract(decision, '$.reason') AS reason, handed_off_by, handed_off_at FROM mentions WHERE id = ?`,
  );
  const mark = db.prepare('UPDATE mentions SET handed_off_by = @actor, handed_off_at = @now WHERE id = @id AND handed_off_by IS NULL');
  // As a handoff by the bot: a thread the bot holds goes to the queue with no owner; a person's stays theirs.
  const toQueue = db.prepare(`
    UPDATE threads SET state = 'waiting', assignee = NULL, handoff_at = @now, first_human_reply_at = NULL, updated_at = @now
    WHERE channel = @channel AND thread_id = @threadId AND state IN ('bot', 'resolved', 'closed')`);
  const insertEvent = db.prepare('INSERT INTO thread_events (channel, thread_id, type, actor, at, data) VALUES (?, ?, ?, ?, ?, ?)');

  const handOff = db.transaction((r: { mentionId: number; actor: string; now: number }): NoReplyHandoff => {
    const m = mention.get(r.mentionId) as
      | {
          channel: string;
          thread_id: string;
          status: string;
          reason: string | null;
          handed_off_by: string | null;
          handed_off_at: number | null;
        }
      | undefined;
    if (m?.status !== 'no_reply') return { outcome: 'not_found' };
    const ref = { channel: m.channel, threadId: m.thread_id };
    if (m.handed_off_by !== null)
      return {
        outcome: 'already',
        ...ref,
        handedOff: { by: m.handed_off_by, at: m.handed_off_at ?? 0 },
        thread: getThread(m.channel, m.thread_id),
      };
    mark.run({ actor: r.actor, now: r.now, id: r.mentionId });
    const queued = toQueue.run({ now: r.now, ...ref }).changes === 1;
    insertEvent.run(
      m.channel,
      m.thread_id,
      'hand_off',
      r.actor,
      r.now,
      JSON.stringify({ mentionId: r.mentionId, noReply: m.reason, queued }),
    );
    return { outcome: 'handed_off', ...ref, handedOff: { by: r.actor, at: r.now }, thread: getThread(m.channel, m.thread_id) };
  });

  return {
    async listNoReply({ limit, beforeId, reason }) {
      const params = { limit, before: beforeId ?? Number.MAX_SAFE_INTEGER };
      const rows = (reason === undefined ? all.all(params) : byReason.all({ ...params, reason })) as NoReplyRow[];
      return rows.map(toNoReply);
    },
    async handOffNoReply(request) {
      return handOff(request);
    },
  };
}
