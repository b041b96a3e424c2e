import type { StoredMention } from './mention.js';
import type { SqliteDatabase } from './open-database.js';
import type { TurnOutcome } from './store.js';

type InsertEvent = { run(channel: string, threadId: string, type: string, actor: string, at: number, data: string | null): unknown };

/**
 * What a committed turn does to its thread, on SQLite, inside the turn's transaction (the rules are
 * in store/thread-state.ts, CUSTOMER_REPLIED_STATES and TurnOutcome): a handoff, a native reply by the brand, a customer's
 * follow-up in a thread people hold, or the brand's own top-level post.
 */
export function createSqliteTurnThread(db: SqliteDatabase, insertEvent: InsertEvent) {
  // waiting only while the bot may still answer there (a person's claim during the turn wins).
  const handOff = db.prepare(`
    UPDATE threads SET updated_at = @now, handoff_at = @now, first_human_reply_at = NULL, customer_replied_at = NULL, state = 'waiting'
    WHERE channel = @channel AND thread_id = @threadId AND state IN ('bot', 'resolved', 'closed')`);
  // A native reply by the brand, from any state: a person who owns (or owned, resolved) it stays the assignee.
  const native = db.prepare(`
    UPDATE threads SET updated_at = @now,
      assignee = CASE WHEN state IN ('agent', 'resolved') AND assignee IS NOT NULL THEN assignee ELSE @assignee END,
      claimed_at = CASE WHEN state != 'agent' THEN @now ELSE claimed_at END,
      first_human_reply_at = COALESCE(first_human_reply_at, @now),
      last_agent_activity_at = @now,
      customer_replied_at = NULL, unread_at = NULL,
      reply_failure = CASE WHEN @state = 'resolved' THEN NULL ELSE reply_failure END,
      reply_failed_at = CASE WHEN @state = 'resolved' THEN NULL ELSE reply_failed_at END,
      state = @state
    WHERE channel = @channel AND thread_id = @threadId`);
  // The brand answered: the bot's queued replies there (an acknowledgement held by a pause) would come after it.
  const cancelBotReplies = db.prepare(`
    UPDATE outbox SET status = 'cancelled', last_error = 'the brand answered natively'
    WHERE channel = @channel AND thread_id = @threadId AND status = 'pending' AND kind != 'agent' AND lease_until <= @now`);
  const times = db.prepare(
    'SELECT state, handoff_at, first_human_reply_at, customer_replied_at FROM threads WHERE channel = ? AND thread_id = ?',
  );
  // A follow-up where a person holds the thread, or waits for one after a person already replied.
  const followUp = db.prepare(`
    UPDATE threads SET updated_at = @now, customer_replied_at = COALESCE(customer_replied_at, @now), unread_at = COALESCE(unread_at, @now)
    WHERE channel = @channel AND thread_id = @threadId AND (state = 'agent' OR (state = 'waiting' AND first_human_reply_at IS NOT NULL))`);
  // A follow-up in a resolved thread: back to its person, or to the queue when none (or only the platform) had it.
  const reopen = db.prepare(`
    UPDATE threads SET updated_at = @now,
      state = CASE WHEN assignee IS NOT NULL AND assignee NOT LIKE 'platform:%' THEN 'agent' ELSE 'waiting' END,
      assignee = CASE WHEN assignee IS NOT NULL AND assignee NOT LIKE 'platform:%' THEN assignee END,
      claimed_at = CASE WHEN assignee IS NOT NULL AND assignee NOT LIKE 'platform:%' THEN @now ELSE claimed_at END,
      last_agent_activity_at = @now,
      handoff_at = COALESCE(handoff_at, @now),
      customer_replied_at = COALESCE(customer_replied_at, @now), unread_at = COALESCE(unread_at, @now)
    WHERE channel = @channel AND thread_id = @threadId AND state = 'resolved'
    RETURNING state, assignee`);
  const dropThread = db.prepare(`
    DELETE FROM threads WHERE channel = @channel AND thread_id = @threadId AND state = 'bot'
      AND NOT EXISTS (SELECT 1 FROM mentions WHERE channel = @channel AND thread_id = @threadId AND id != @id)`);

  const event = (m: StoredMention, type: string, actor: string, now: number, data: Record<string, unknown>) =>
    insertEvent.run(m.channel, m.threadId, type, actor, now, JSON.stringify(data));

  return (m: StoredMention, outcome: TurnOutcome, now: number): void => {
    const where = { channel: m.channel, threadId: m.threadId, now };
    const stateEvent = { mentionId: m.id, status: outcome.status };
    if (outcome.threadState === 'waiting') {
      if (handOff.run(where).changes) event(m, 'state:waiting', 'bot', now, stateEvent);
      return;
    }
    if (outcome.threadState === 'agent' || outcome.threadState === 'resolved') {
      const actor = outcome.assignee ?? 'platform';
      const t = times.get(m.channel, m.threadId) as
        | { handoff_at: number | null; first_human_reply_at: number | null; customer_replied_at: number | null }
        | undefined;
      if (!t) return;
      if (t.handoff_at && !t.first_human_reply_at) event(m, 'human_first_response', actor, now, { ms: now - t.handoff_at });
      if (t.customer_replied_at) event(m, 'human_next_response', actor, now, { ms: now - t.customer_replied_at });
      cancelBotReplies.run(where);
      if (native.run({ ...where, state: outcome.threadState, assignee: actor }).changes)
        event(m, `state:${outcome.threadState}`, actor, now, stateEvent);
      return;
    }
    if (outcome.dropThread) {
      dropThread.run({ ...where, id: m.id });
      return;
    }
    if (outcome.status === 'ignored') return;
    if (outcome.status === 'routed') {
      const reopened = reopen.get(where) as { state: string; assignee: string | null } | undefined;
      if (reopened) {
        event(m, 'customer_replied', m.author, now, { mentionId: m.id, state: reopened.state, assignee: reopened.assignee });
        return;
      }
    }
    followUp.run(where);
  };
}
