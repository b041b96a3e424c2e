import type { AcceptResult } from '../channels/channel.js';
import type { Mention, MentionStatus, OutgoingReply, ReplyKind, StoredMention } from '../mention.js';
import { groupCommit } from './group-commit.js';
import { probeWrite, type SqliteDatabase } from './open-database.js';
import { listedHead, STEP_TEXT_BYTES, textBytes } from './step-budget.js';
import { toEarlierMention, type EarlierMentionRow } from './earlier-mentions.js';
import { EARLIER_TEXT_CHARS, type ReplyFailure, type Store, type ThreadEvent, type ThreadState, type TurnOutcome } from './store.js';

export interface MentionRow {
  id: number;
  channel: string;
  platform_id: string;
  thread_id: string;
  author: string;
  author_is_bot: number;
  text: string;
  created_at: string;
  permalink: string | null;
  reply_context: string | null;
  received_at: number;
  deadline_at: number;
  status: string;
  attempts: number;
  decision: string | null;
}

interface OutboxRow {
  id: number;
  idempotency_key: string;
  mention_id: number | null;
  channel: string;
  thread_id: string;
  in_reply_to: string;
  recipient: string;
  text: string;
  kind: string;
  reply_context: string | null;
  attempts: number;
  created_at: number;
}

export const toMention = (r: MentionRow): StoredMention => ({
  id: r.id,
  channel: r.channel,
  platformId: r.platform_id,
  threadId: r.thread_id,
  author: r.author,
  authorIsBot: r.author_is_bot === 1,
  text: r.text,
  createdAt: r.created_at,
  ...(r.permalink ? { permalink: r.permalink } : {}),
  ...(r.reply_context ? { replyContext: JSON.parse(r.reply_context) as Record<string, unknown> } : {}),
  receivedAt: r.received_at,
  deadlineAt: r.deadline_at,
  status: r.status as MentionStatus,
  attempts: r.attempts,
});

const toReply = (r: OutboxRow): OutgoingReply => ({
  id: r.id,
  idempotencyKey: r.idempotency_key,
  mentionId: r.mention_id,
  channel: r.channel,
  threadId: r.thread_id,
  inReplyTo: r.in_reply_to,
  recipient: r.recipient,
  text: r.text,
  kind: r.kind as ReplyKind,
  attempts: r.attempts,
  ...(r.reply_context ? { replyContext: JSON.parse(r.reply_context) as Record<string, unknown> } : {}),
  queuedAt: r.created_at,
});

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
  // waiting only while the bot may still answer there (a person's claim during the turn wins);
  // agent (a native reply by the brand) from any state, keeping a person who already owns it.
  const setThreadState = db.prepare(`
    UPDATE threads SET updated_at = @now,
      handoff_at = CASE WHEN @state = 'waiting' THEN @now ELSE handoff_at END,
      assignee = CASE WHEN @state = 'agent' THEN COALESCE(CASE WHEN state = 'agent' THEN assignee END, @assignee) ELSE assignee END,
      claimed_at = CASE WHEN @state = 'agent' AND state != 'agent' THEN @now ELSE claimed_at END,
      first_human_reply_at = CASE WHEN @state = 'agent' THEN COALESCE(first_human_reply_at, @now) ELSE NULL END,
      last_agent_activity_at = CASE WHEN @state = 'agent' THEN @now ELSE last_agent_activity_at END,
      state = @state
    WHERE channel = @channel AND thread_id = @threadId AND (@state = 'agent' OR state IN ('bot', 'resolved', 'closed'))`);
  const threadTimes = db.prepare('SELECT handoff_at, first_human_reply_at FROM threads WHERE channel = ? AND thread_id = ?');
  const ownReply = db.prepare(`
    SELECT 1 FROM outbox WHERE channel = @channel AND (
      platform_reply_id = @platformId
      OR (thread_id = @threadId AND text = @text AND (status = 'sent' OR (status = 'pending' AND lease_until > @now))))
    LIMIT 1`);
  const insertEvent = db.prepare('INSERT INTO thread_events (channel, thread_id, type, actor, at, data) VALUES (?, ?, ?, ?, ?, ?)');
  const getMention = db.prepare('SELECT * FROM mentions WHERE id = ?');
  const getThread = db.prepare('SELECT * FROM threads WHERE channel = ? AND thread_id = ?');
  // From the thread index, newest first, only the decision's few fields the turn reads.
  const earlier = db.prepare(`
    SELECT id, author, substr(text, 1, @chars) AS text, status,
      json_extract(decision, '$.entryId') AS entry_id, json_extract(decision, '$.reason') AS reason,
      json_extract(decision, '$.understanding.topic') AS topic
    FROM mentions WHERE channel = @channel AND thread_id = @threadId AND id < @before ORDER BY id DESC LIMIT @limit`);
  const countBot = db.prepare(`
    SELECT COUNT(DISTINCT mention_id) AS n FROM outbox
    WHERE channel = ? AND recipient = ? AND created_at >= ? AND kind IN ('answer', 'acknowledgement', 'courtesy') AND status != 'cancelled'`);
  // From the person-owned threads to their replies (CROSS JOIN keeps that order; the IN term lets the
  // partial threads_open index serve): walking every due reply instead made each claim O(backlog).
  const cancelSilenced = db.prepare(`
    UPDATE outbox SET status = 'cancelled', last_error = 'a person owns the thread'
    WHERE id IN (
      SELECT o.id FROM threads t CROSS JOIN outbox o ON o.channel = t.channel AND o.thread_id = t.thread_id
      WHERE t.state IN ('waiting', 'agent') AND t.state = 'agent'
        AND o.status = 'pending' AND o.kind != 'agent' AND o.next_attempt_at <= @now AND o.lease_until <= @now)`);
  const claimReplies = db.prepare(`
    UPDATE outbox SET lease_until = @leaseUntil, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= @now AND lease_until <= @now
        AND channel NOT IN (SELECT value FROM json_each(@paused))
        -- the parts of one reply go out in order
        AND NOT EXISTS (SELECT 1 FROM outbox AS earlier WHERE earlier.mention_id = outbox.mention_id AND earlier.id < outbox.id AND earlier.status = 'pending')
      ORDER BY next_attempt_at, id LIMIT @limit)
    RETURNING *, (SELECT received_at FROM mentions WHERE mentions.id = outbox.mention_id) AS received_at`);
  const markSent = db.prepare(`UPDATE outbox SET status = 'sent', platform_reply_id = ?, sent_at = ?, lease_until = 0 WHERE id = ?`);
  const markRetry = db.prepare(`
    UPDATE outbox SET next_attempt_at = @retryAt, last_error = @error, lease_until = 0, attempts = attempts - @giveBack, backoff = @backoff
    WHERE id = @id AND status = 'pending'`);
  const pullForward = db.prepare(`
    UPDATE outbox SET next_attempt_at = created_at, backoff = 0
    WHERE channel = @channel AND status = 'pending' AND backoff = 1 AND next_attempt_at > @now AND lease_until <= @now`);
  const probe = db.prepare(`
    UPDATE outbox SET next_attempt_at = @now
    WHERE id = (SELECT id FROM outbox WHERE channel = @channel AND status = 'pending' AND backoff = 1 AND next_attempt_at > @now AND lease_until <= @now
      ORDER BY next_attempt_at, id LIMIT 1)`);
  // The later parts of an answer whose part was given up: without it they would read out of context.
  const cancelLaterParts = db.prepare(`
    UPDATE outbox SET status = 'cancelled', last_error = 'an earlier part of this answer could not be sent', lease_until = 0
    WHERE mention_id = @mentionId AND id > @id AND status = 'pending' AND kind != 'agent'`);
  const markFailed = db.prepare(`
    UPDATE outbox SET status = 'failed', last_error = ?, sent_at = ?, lease_until = 0 WHERE id = ? AND status = 'pending'
    RETURNING channel, thread_id, kind, recipient, mention_id`);
  const threadState = db.prepare('SELECT state FROM threads WHERE channel = ? AND thread_id = ?');
  // A thread the bot holds goes to a person, with no owner (as a handoff from a turn); every thread keeps the reason.
  const failureOnThread = db.prepare(`
    UPDATE threads SET updated_at = @now, reply_failure = @reason, reply_failed_at = @now,
      handoff_at = CASE WHEN @handOff = 1 THEN @now ELSE handoff_at END,
      first_human_reply_at = CASE WHEN @handOff = 1 THEN NULL ELSE first_human_reply_at END,
      assignee = CASE WHEN @handOff = 1 THEN NULL ELSE assignee END,
      state = CASE WHEN @handOff = 1 THEN 'waiting' ELSE state END
    WHERE channel = @channel AND thread_id = @threadId`);

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

  const acceptAll = db.transaction((batch: { mention: Mention; now: number; deadlineAt: number }[]) => batch.map((a) => accept(a.mention, a.now, a.deadlineAt)));
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
    if (outcome.threadState === 'agent') {
      // A person answered natively on the platform: their first response to the handoff, if it is.
      const t = threadTimes.get(m.channel, m.threadId) as { handoff_at: number | null; first_human_reply_at: number | null } | undefined;
      if (t?.handoff_at && !t.first_human_reply_at) {
        insertEvent.run(m.channel, m.threadId, 'human_first_response', outcome.assignee ?? 'platform', now, JSON.stringify({ ms: now - t.handoff_at }));
      }
    }
    if (outcome.threadState) {
      const changed = setThreadState.run({ state: outcome.threadState, assignee: outcome.assignee ?? null, now, channel: m.channel, threadId: m.threadId }).changes;
      const actor = outcome.threadState === 'agent' ? (outcome.assignee ?? 'platform') : 'bot';
      if (changed) insertEvent.run(m.channel, m.threadId, `state:${outcome.threadState}`, actor, now, JSON.stringify({ mentionId: m.id, status: outcome.status }));
    }
    return true;
  });

  const commitMany = db.transaction((turns: { mention: StoredMention; outcome: TurnOutcome }[], now: number) =>
    turns.map((t) => commit(t.mention, t.outcome, now)),
  );
  const markManySent = db.transaction((sent: { id: number; platformId: string }[], now: number) => {
    for (const s of sent) markSent.run(s.platformId, now, s.id);
  });

  const claimDue = db.transaction((limit: number, now: number, leaseMs: number, paused: readonly string[]) => {
    cancelSilenced.run({ now });
    const rows = claimReplies.all({ now, leaseUntil: now + leaseMs, limit, paused: JSON.stringify(paused) }) as (OutboxRow & { received_at: number | null; next_attempt_at: number })[];
    // RETURNING gives rows in table order, not the subquery's: oldest due first, as Redis answers.
    return rows.sort((a, b) => a.next_attempt_at - b.next_attempt_at || a.id - b.id);
  });

  const fail = db.transaction((id: number, reason: string, now: number): ReplyFailure | undefined => {
    const r = markFailed.get(reason, now, id) as { channel: string; thread_id: string; kind: ReplyKind; recipient: string; mention_id: number | null } | undefined;
    if (!r) return undefined;
    insertEvent.run(r.channel, r.thread_id, 'reply_failed', 'bot', now, JSON.stringify({ replyId: id, error: reason }));
    const before = (threadState.get(r.channel, r.thread_id) as { state: ThreadState } | undefined)?.state;
    const handedOff = before === 'bot' || before === 'resolved' || before === 'closed';
    failureOnThread.run({ now, reason, handOff: handedOff ? 1 : 0, channel: r.channel, threadId: r.thread_id });
    if (handedOff) insertEvent.run(r.channel, r.thread_id, 'state:waiting', 'bot', now, JSON.stringify({ replyId: id, reason: 'reply_failed', error: reason }));
    const after = handedOff ? 'waiting' : before;
    if (r.mention_id !== null && r.kind !== 'agent' && (after === 'waiting' || after === 'agent')) cancelLaterParts.run({ mentionId: r.mention_id, id });
    return { channel: r.channel, threadId: r.thread_id, kind: r.kind, recipient: r.recipient, mentionId: r.mention_id, handedOff, state: handedOff ? 'waiting' : (before ?? 'bot') };
  });

  // One process per SQLite file: the pauses it shares are its own, kept in memory, as are the times
  // each channel's retries were last brought forward.
  const paused = new Map<string, number>();
  const pulledAt = new Map<string, number>();
  const probeTurns = new Map<string, { at: number; everyMs: number }>();

  return {
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
    async markRepliesSent(sent, now) {
      if (sent.length > 0) markManySent(sent, now);
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
    async isOwnReply(channel, threadId, platformId, text) {
      return ownReply.get({ channel, threadId, platformId, text, now: Date.now() }) !== undefined;
    },
    async countBotReplies(channel, recipient, since) {
      return (countBot.get(channel, recipient, since) as { n: number }).n;
    },
    async claimDueReplies(limit, now, leaseMs, pausedChannels) {
      // The mention's receipt time rides along, for the acknowledgement-latency metric.
      return claimDue(limit, now, leaseMs, pausedChannels).map((r) => ({ ...toReply(r), ...(r.received_at !== null ? { receivedAt: r.received_at } : {}) }));
    },
    async markReplyRetry(id, retryAt, error, countAttempt) {
      markRetry.run({ retryAt, error, giveBack: countAttempt ? 0 : 1, backoff: countAttempt ? 1 : 0, id });
    },
    async pullForwardRetries(channel, now, everyMs) {
      const last = pulledAt.get(channel);
      if (last !== undefined && now - last < everyMs) return 0;
      const moved = pullForward.run({ channel, now }).changes;
      if (moved > 0) pulledAt.set(channel, now);
      return moved;
    },
    async probeRetry(channel, now) {
      return probe.run({ channel, now }).changes > 0;
    },
    async takeProbeTurn(channel, now, firstMs, maxMs) {
      const turns = probeTurns.get(channel);
      if (!turns || now - turns.at > 2 * maxMs) {
        probeTurns.set(channel, { at: now, everyMs: firstMs });
        return { granted: false, nextAt: now + firstMs };
      }
      if (now < turns.at + turns.everyMs) return { granted: false, nextAt: turns.at + turns.everyMs };
      const everyMs = Math.min(maxMs, turns.everyMs * 2);
      probeTurns.set(channel, { at: now, everyMs });
      return { granted: true, nextAt: now + everyMs };
    },
    async endProbeTurns(channel) {
      probeTurns.delete(channel);
    },
    async markReplyFailed(id, reason, now) {
      return fail(id, reason, now);
    },
    async recordThreadEvent(e: ThreadEvent) {
      insertEvent.run(e.channel, e.threadId, e.type, e.actor, e.at, e.data ? JSON.stringify(e.data) : null);
    },
    async checkWritable() {
      probeWrite(db);
    },
    async stats() {
      const count = (table: string) =>
        Object.fromEntries(
          (db.prepare(`SELECT status, COUNT(*) AS n FROM ${table} GROUP BY status`).all() as { status: string; n: number }[]).map((r) => [r.status, r.n]),
        );
      return { mentions: count('mentions'), outbox: count('outbox') };
    },
    async releaseLeases() {
      db.exec(`UPDATE mentions SET lease_until = 0 WHERE status = 'received'; UPDATE outbox SET lease_until = 0 WHERE status = 'pending';`);
    },
    async pauseChannel(channel, until) {
      paused.set(channel, Math.max(until, paused.get(channel) ?? 0));
    },
    async pausedChannels(now) {
      for (const [name, until] of paused) if (until <= now) paused.delete(name);
      return Object.fromEntries(paused);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
