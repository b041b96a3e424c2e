import type { ReplyKind } from './mention.js';
import type { SqliteDatabase } from './open-database.js';
import { toReply, type OutboxRow } from './sqlite-rows.js';
import type { ReplyFailure, Store } from './store.js';
import type { ThreadState } from './thread-state.js';

/** The store's outbox on SQLite: claiming due replies, their outcomes, retries and channel pauses. */
export type SqliteOutbox = Pick<
  Store,
  | 'isOwnReply'
  | 'countBotReplies'
  | 'claimDueReplies'
  | 'markRepliesSent'
  | 'markReplyRetry'
  | 'pullForwardRetries'
  | 'probeRetry'
  | 'takeProbeTurn'
  | 'endProbeTurns'
  | 'markReplyFailed'
  | 'pauseChannel'
  | 'pausedChannels'
>;

/** `insertEvent`: the thread events statement (a reply given up is recorded on its thread). */
export function createSqliteOutbox(db: SqliteDatabase, insertEvent: { run(...params: unknown[]): unknown }): SqliteOutbox {
  const ownReply = db.prepare(`
    SELECT 1 FROM outbox WHERE channel = @channel AND (
      platform_reply_id = @platformId
      OR (thread_id = @threadId AND text = @text AND (status = 'sent' OR (status = 'pending' AND lease_until > @now))))
    LIMIT 1`);
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

  const markManySent = db.transaction((sent: { id: number; platformId: string }[], now: number) => {
    for (const s of sent) markSent.run(s.platformId, now, s.id);
  });

  const claimDue = db.transaction((limit: number, now: number, leaseMs: number, paused: readonly string[]) => {
    cancelSilenced.run({ now });
    const rows = claimReplies.all({ now, leaseUntil: now + leaseMs, limit, paused: JSON.stringify(paused) }) as (OutboxRow & {
      received_at: number | null;
      next_attempt_at: number;
    })[];
    // RETURNING gives rows in table order, not the subquery's: oldest due first, as Redis answers.
    return rows.sort((a, b) => a.next_attempt_at - b.next_attempt_at || a.id - b.id);
  });

  const fail = db.transaction((id: number, reason: string, now: number): ReplyFailure | undefined => {
    const r = markFailed.get(reason, now, id) as
      | { channel: string; thread_id: string; kind: ReplyKind; recipient: string; mention_id: number | null }
      | undefined;
    if (!r) return undefined;
    insertEvent.run(r.channel, r.thread_id, 'reply_failed', 'bot', now, JSON.stringify({ replyId: id, error: reason }));
    const before = (threadState.get(r.channel, r.thread_id) as { state: ThreadState } | undefined)?.state;
    const handedOff = before === 'bot' || before === 'resolved' || before === 'closed';
    failureOnThread.run({ now, reason, handOff: handedOff ? 1 : 0, channel: r.channel, threadId: r.thread_id });
    if (handedOff)
      insertEvent.run(
        r.channel,
        r.thread_id,
        'state:waiting',
        'bot',
        now,
        JSON.stringify({ replyId: id, reason: 'reply_failed', error: reason }),
      );
    const after = handedOff ? 'waiting' : before;
    if (r.mention_id !== null && r.kind !== 'agent' && (after === 'waiting' || after === 'agent'))
      cancelLaterParts.run({ mentionId: r.mention_id, id });
    return {
      channel: r.channel,
      threadId: r.thread_id,
      kind: r.kind,
      recipient: r.recipient,
      mentionId: r.mention_id,
      handedOff,
      state: handedOff ? 'waiting' : (before ?? 'bot'),
    };
  });

  // One process per SQLite file: the pauses it shares are its own, kept in memory, as are the times
  // each channel's retries were last brought forward.
  const paused = new Map<string, number>();
  const pulledAt = new Map<string, number>();
  const probeTurns = new Map<string, { at: number; everyMs: number }>();

  return {
    async isOwnReply(channel, threadId, platformId, text) {
      return ownReply.get({ channel, threadId, platformId, text, now: Date.now() }) !== undefined;
    },
    async countBotReplies(channel, recipient, since) {
      return (countBot.get(channel, recipient, since) as { n: number }).n;
    },
    async claimDueReplies(limit, now, leaseMs, pausedChannels) {
      // The mention's receipt time rides along, for the acknowledgement-latency metric.
      return claimDue(limit, now, leaseMs, pausedChannels).map((r) => ({
        ...toReply(r),
        ...(r.received_at !== null ? { receivedAt: r.received_at } : {}),
      }));
    },
    async markRepliesSent(sent, now) {
      if (sent.length > 0) markManySent(sent, now);
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
    async pauseChannel(channel, until) {
      paused.set(channel, Math.max(until, paused.get(channel) ?? 0));
    },
    async pausedChannels(now) {
      for (const [name, until] of paused) if (until <= now) paused.delete(name);
      return Object.fromEntries(paused);
    },
  };
}
