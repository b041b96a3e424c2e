import type { Mention, StoredMention } from './mention.js';
import { groupCommit } from './group-commit.js';
import { createSqliteOutbox } from './sqlite-outbox.js';
import { createSqliteTurnThread } from './sqlite-turn-thread.js';
import { toMention, type MentionRow } from './sqlite-rows.js';
import { probeWrite, type SqliteDatabase } from './open-database.js';
import { listedHead, STEP_TEXT_BYTES, textBytes } from './step-budget.js';
import { toEarlierMention, type EarlierMentionRow } from './earlier-mentions.js';
import { EARLIER_TEXT_CHARS, type AcceptResult, type Store, type TurnOutcome } from './store.js';
import type { ThreadState } from './thread-state.js';

/** The single-machine store: one SQLite file, every guard an atomic statement or transaction. */
export function createSqliteStore(db: SqliteDatabase): Store {
  const insertMention = db.prepare(`
    INSERT INTO mentions (channel, platform_id, thread_id, author, author_is_bot, text, text_head, created_at, permalink, reply_context, received_at, deadline_at)
    VALUES (@channel, @platformId, @threadId, @author, @authorIsBot, @text, @textHead, @createdAt, @permalink, @replyContext, @now, @deadlineAt)
    ON CONFLICT (channel, platform_id) DO NOTHING
    RETURNING id`);
  const findMention = db.prepare('SELECT id FROM mentions WHERE channel = ? AND platform_id = ?');
  const openThread = db.prepare(`
    INSERT INTO threads (channel, thread_id, created_at, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (channel, thread_id) DO NOTHING`);
  // Up to @limit mentions, and only while their texts fit in @maxBytes (always the first): the running
  // sum is over the limited candidates, and octet_length reads a text's size without reading the text.
  // INDEXED BY: the candidates in id (or deadline) order straight from their partial index, never all
  // undecided mentions sorted (the status index would offer that).
  const claimMentions = db.prepare(`
    UPDATE mentions SET lease_until = @leaseUntil, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM (
        SELECT id, bytes, SUM(bytes) OVER (ORDER BY id ROWS UNBOUNDED PRECEDING) AS upto FROM (
          SELECT id, octet_length(text) AS bytes FROM mentions INDEXED BY mentions_open WHERE status = 'received' AND lease_until <= @now ORDER BY id LIMIT @limit))
      WHERE upto = bytes OR upto <= @maxBytes)
    RETURNING *`);
  const overdue = db.prepare(`
    SELECT * FROM mentions WHERE id IN (
      SELECT id FROM (
        SELECT id, bytes, SUM(bytes) OVER (ORDER BY deadline_at, id ROWS UNBOUNDED PRECEDING) AS upto FROM (
          SELECT id, deadline_at, octet_length(text) AS bytes FROM mentions INDEXED BY mentions_deadline WHERE status = 'received' AND deadline_at <= @now ORDER BY deadline_at, id LIMIT @limit))
      WHERE upto = bytes OR upto <= @maxBytes)
    ORDER BY deadline_at, id`);
  const decide = db.prepare(`UPDATE mentions SET status = ?, decision = ?, decided_at = ? WHERE id = ? AND status = 'received'`);
  const queueReply = db.prepare(`
    INSERT INTO outbox (idempotency_key, mention_id, channel, thread_id, in_reply_to, recipient, text, kind, reply_context, next_attempt_at, created_at)
    VALUES (@key, @mentionId, @channel, @threadId, @inReplyTo, @recipient, @text, @kind, @replyContext, @now, @now)
    ON CONFLICT (idempotency_key) DO NOTHING`);
  const insertEvent = db.prepare('INSERT INTO thread_events (channel, thread_id, type, actor, at, data) VALUES (?, ?, ?, ?, ?, ?)');
  const turnThread = createSqliteTurnThread(db, insertEvent);
  const getMention = db.prepare('SELECT * FROM mentions WHERE id = ?');
  const getThread = db.prepare('SELECT * FROM threads WHERE channel = ? AND thread_id = ?');
  // From the thread index, newest first, only the decision's few fields the turn reads.
  const earlier = db.prepare(`
    SELECT id, author, substr(text, 1, @chars) AS text, status,
      json_extract(decision, '$.entryId') AS entry_id, json_extract(decision, '$.reason') AS reason,
      json_extract(decision, '$.understanding.topic') AS topic, language
    FROM mentions WHERE channel = @channel AND thread_id = @threadId AND id < @before ORDER BY id DESC LIMIT @limit`);

  // Runs inside acceptAll's transaction (no savepoint per mention).
  const accept = (m: Mention, now: number, deadlineAt: number): AcceptResult => {
    const row = insertMention.get({
      channel: m.channel,
      platformId: m.platformId,
      threadId: m.threadId,
      author: m.author,
      authorIsBot: m.authorIsBot ? 1 : 0,
      text: m.text,
      textHead: listedHead(m.text),
      createdAt: m.createdAt,
      permalink: m.permalink ?? null,
      replyContext: m.replyContext ? JSON.stringify(m.replyContext) : null,
      now,
      deadlineAt,
    }) as { id: number } | undefined;
    if (!row) {
      const existing = findMention.get(m.channel, m.platformId) as { id: number };
      return { mentionId: existing.id, duplicate: true };
    }
    openThread.run(m.channel, m.threadId, now, now);
    return { mentionId: row.id, duplicate: false };
  };

  const acceptAll = db.transaction((batch: { mention: Mention; now: number; deadlineAt: number }[]) =>
    batch.map((a) => accept(a.mention, a.now, a.deadlineAt)),
  );
  // The accepts that arrive within one turn of the event loop commit in one transaction, as many as
  // fit in a step's budget of text (the rest in the next turn: the transaction is synchronous).
  const groupAccept = groupCommit(acceptAll, { weigh: (a) => textBytes(a.mention.text), maxBytes: STEP_TEXT_BYTES });

  const commit = db.transaction((m: StoredMention, outcome: TurnOutcome, now: number): boolean => {
    if (decide.run(outcome.status, JSON.stringify(outcome.decision), now, m.id).changes === 0) return false;
    outcome.replies.forEach((reply, part) => {
      queueReply.run({
        key: `${m.channel}:${m.platformId}:${part}`,
        mentionId: m.id,
        channel: m.channel,
        threadId: m.threadId,
        inReplyTo: m.platformId,
        recipient: m.author,
        text: reply.text,
        kind: reply.kind,
        replyContext: m.replyContext ? JSON.stringify(m.replyContext) : null,
        now,
      });
    });
    turnThread(m, outcome, now);
    return true;
  });

  const commitMany = db.transaction((turns: { mention: StoredMention; outcome: TurnOutcome }[], now: number) =>
    turns.map((t) => commit(t.mention, t.outcome, now)),
  );

  return {
    ...createSqliteOutbox(db, insertEvent),
    acceptMention(mention, now, deadlineAt) {
      return groupAccept({ mention, now, deadlineAt });
    },
    async claimMentions(limit, now, leaseMs, maxTextBytes = STEP_TEXT_BYTES) {
      // RETURNING gives rows in table order: oldest first, as Redis answers.
      const rows = claimMentions.all({ now, leaseUntil: now + leaseMs, limit, maxBytes: maxTextBytes }) as MentionRow[];
      return rows.sort((a, b) => a.id - b.id).map(toMention);
    },
    async overdueMentions(limit, now, maxTextBytes = STEP_TEXT_BYTES) {
      return (overdue.all({ now, limit, maxBytes: maxTextBytes }) as MentionRow[]).map(toMention);
    },
    async commitTurn(mention, outcome, now) {
      return commit(mention, outcome, now);
    },
    async commitTurns(turns, now) {
      return turns.length === 0 ? [] : commitMany(turns, now);
    },
    async getMention(id) {
      const row = getMention.get(id) as MentionRow | undefined;
      if (!row) return undefined;
      return { ...toMention(row), decision: row.decision ? (JSON.parse(row.decision) as Record<string, unknown>) : null };
    },
    async getThread(channel, threadId) {
      const row = getThread.get(channel, threadId) as
        | { channel: string; thread_id: string; state: ThreadState; assignee: string | null; updated_at: number }
        | undefined;
      return row && { channel: row.channel, threadId: row.thread_id, state: row.state, assignee: row.assignee, updatedAt: row.updated_at };
    },
    async earlierMentions(channel, threadId, beforeId, limit) {
      const rows = earlier.all({ channel, threadId, before: beforeId, limit, chars: EARLIER_TEXT_CHARS }) as EarlierMentionRow[];
      return rows.reverse().map(toEarlierMention);
    },
    async checkWritable() {
      probeWrite(db);
    },
    async stats() {
      const count = (table: string) =>
        Object.fromEntries(
          (db.prepare(`SELECT status, COUNT(*) AS n FROM ${table} GROUP BY status`).all() as { status: string; n: number }[]).map((r) => [
            r.status,
            r.n,
          ]),
        );
      return { mentions: count('mentions'), outbox: count('outbox') };
    },
    async releaseLeases() {
      db.exec(`UPDATE mentions SET lease_until = 0 WHERE status = 'received'; UPDATE outbox SET lease_until = 0 WHERE status = 'pending';`);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
