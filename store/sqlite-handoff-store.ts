import type { SqliteDatabase } from './open-database.js';
import type { ThreadEvent } from './store.js';
import type { ReplyKind } from './mention.js';
import type { HandoffStore, TranscriptReply } from './handoff-store.js';
import { createSqliteSlaDays } from './sqlite-sla-days.js';
import { toThread, type ThreadRow } from './sqlite-thread-row.js';
import { mentionFromRow, type MentionRowWithDecision } from './sqlite-rows.js';
import { createSqliteNoReply } from './sqlite-no-reply.js';
import { createSqliteLifecycle } from './sqlite-lifecycle.js';
import { createSqliteCustomers } from './sqlite-customers.js';
import { createSqliteThreadTags } from './sqlite-thread-tags.js';
import { createSqliteTeams } from './sqlite-teams.js';
import { createSqliteReportCells } from './sqlite-report-cells.js';
import { createSqliteReportBackfill } from './sqlite-report-backfill.js';
import { createSqliteThreadVersions, LATEST_MENTION_SQL } from './sqlite-thread-versions.js';
import { createSqliteQueueIndex } from './sqlite-queue-index.js';
import { createSqliteSlaClocks } from './sqlite-sla-clocks.js';

/** Thread ownership on the responder's SQLite file (the threads, outbox and thread_events tables). */
export function createSqliteHandoffStore(db: SqliteDatabase): HandoffStore {
  const getThread = db.prepare('SELECT * FROM threads WHERE channel = ? AND thread_id = ?');
  const transition = db.prepare(`
    UPDATE threads SET state = @to, updated_at = @now,
      assignee = CASE WHEN @setAssignee = 1 THEN @assignee ELSE assignee END,
      claimed_at = CASE WHEN @to = 'agent' THEN @now ELSE claimed_at END,
      last_agent_activity_at = CASE WHEN @to = 'agent' THEN @now ELSE last_agent_activity_at END,
      handoff_at = CASE WHEN @to = 'waiting' AND state != 'waiting' AND handoff_at IS NULL THEN @now ELSE handoff_at END,
      reply_failure = CASE WHEN @to IN ('bot', 'resolved', 'closed') THEN NULL ELSE reply_failure END,
      reply_failed_at = CASE WHEN @to IN ('bot', 'resolved', 'closed') THEN NULL ELSE reply_failed_at END,
      customer_replied_at = CASE WHEN @to IN ('bot', 'resolved', 'closed') THEN NULL ELSE customer_replied_at END,
      unread_at = CASE WHEN @to IN ('bot', 'resolved', 'closed') THEN NULL ELSE unread_at END
    WHERE channel = @channel AND thread_id = @threadId
      AND (@ifNoCustomerReply = 0 OR customer_replied_at IS NULL)
      AND state IN (SELECT value FROM json_each(@from))
      AND (@ifAssignee IS NULL OR assignee = @ifAssignee)
      AND (@checkActivity = 0 OR last_agent_activity_at IS @ifLastActivityAt)
    RETURNING *`);
  const insertEvent = db.prepare('INSERT INTO thread_events (channel, thread_id, type, actor, at, data) VALUES (?, ?, ?, ?, ?, ?)');
  const otherClaims = db
    .prepare("SELECT count(*) FROM threads WHERE state = 'agent' AND assignee = ? AND NOT (channel = ? AND thread_id = ?)")
    .pluck();
  const threadsIn = db.prepare('SELECT * FROM threads WHERE state IN (SELECT value FROM json_each(?))');
  const latestMention = db.prepare(LATEST_MENTION_SQL);
  const threadMentions = db.prepare('SELECT * FROM mentions WHERE channel = ? AND thread_id = ? ORDER BY id');
  const threadReplies = db.prepare(
    'SELECT id, mention_id, text, kind, status, created_at, sent_at, author, last_error FROM outbox WHERE channel = ? AND thread_id = ? ORDER BY id',
  );
  const threadEvents = db.prepare(
    'SELECT channel, thread_id, type, actor, at, data FROM thread_events WHERE channel = ? AND thread_id = ? ORDER BY id',
  );
  const ownedBy = db.prepare(`
    UPDATE threads SET last_agent_activity_at = @now, updated_at = @now, first_human_reply_at = COALESCE(first_human_reply_at, @now)
    WHERE channel = @channel AND thread_id = @threadId AND state = 'agent' AND assignee = @actor
    RETURNING *`);
  const mentionFor = db.prepare('SELECT id FROM mentions WHERE channel = ? AND platform_id = ?');
  const queueReply = db.prepare(`
    INSERT INTO outbox (idempotency_key, mention_id, channel, thread_id, in_reply_to, recipient, text, kind, reply_context, next_attempt_at, created_at, author)
    VALUES (@key, @mentionId, @channel, @threadId, @inReplyTo, @recipient, @text, 'agent', @replyContext, @now, @now, @actor)
    ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`);
  const idle = db.prepare(`
    SELECT * FROM threads WHERE state = 'agent' AND assignee NOT LIKE 'platform:%' AND COALESCE(last_agent_activity_at, claimed_at, updated_at) < ?`);
  const lifecycle = createSqliteLifecycle(db, insertEvent);
  const slaDays = createSqliteSlaDays(db, lifecycle);

  const doTransition = db.transaction((r: Parameters<HandoffStore['transition']>[0]) => {
    if (r.claimCap !== undefined && r.assignee && (otherClaims.get(r.assignee, r.channel, r.threadId) as number) >= r.claimCap) {
      const current = getThread.get(r.channel, r.threadId) as ThreadRow | undefined;
      return { ok: false as const, thread: current && toThread(current), overCap: true };
    }
    const row = transition.get({
      to: r.to,
      now: r.now,
      setAssignee: r.assignee === undefined ? 0 : 1,
      assignee: r.assignee ?? null,
      channel: r.channel,
      threadId: r.threadId,
      from: JSON.stringify(r.from),
      ifAssignee: r.ifAssignee ?? null,
      checkActivity: r.ifLastActivityAt === undefined ? 0 : 1,
      ifLastActivityAt: r.ifLastActivityAt ?? null,
      ifNoCustomerReply: r.ifNoCustomerReply ? 1 : 0,
    }) as ThreadRow | undefined;
    if (!row) {
      const current = getThread.get(r.channel, r.threadId) as ThreadRow | undefined;
      return { ok: false as const, thread: current && toThread(current) };
    }
    insertEvent.run(r.channel, r.threadId, r.event.type, r.event.actor, r.now, r.event.data ? JSON.stringify(r.event.data) : null);
    return { ok: true as const, thread: toThread(row) };
  });

  const doReply = db.transaction((r: Parameters<HandoffStore['queueAgentReply']>[0]) => {
    const before = getThread.get(r.channel, r.threadId) as ThreadRow | undefined;
    let row = ownedBy.get({ now: r.now, channel: r.channel, threadId: r.threadId, actor: r.actor }) as ThreadRow | undefined;
    if (!row) return { ok: false, replyIds: [] as number[], thread: before && toThread(before), firstResponseMs: null };
    const firstResponseMs = before?.handoff_at && !before.first_human_reply_at ? r.now - before.handoff_at : null;
    if (firstResponseMs !== null)
      insertEvent.run(r.channel, r.threadId, 'human_first_response', r.actor, r.now, JSON.stringify({ ms: firstResponseMs }));
    lifecycle.answerFollowUp(r.channel, r.threadId, r.actor, r.now);
    const mention = mentionFor.get(r.channel, r.inReplyTo) as { id: number } | undefined;
    const replyIds: number[] = [];
    r.parts.forEach((text, part) => {
      const inserted = queueReply.get({
        key: `agent:${r.channel}:${r.requestId}:${part}`,
        mentionId: mention?.id ?? null,
        channel: r.channel,
        threadId: r.threadId,
        inReplyTo: r.inReplyTo,
        recipient: r.recipient,
        text,
        replyContext: r.replyContext ? JSON.stringify(r.replyContext) : null,
        now: r.now,
        actor: r.actor,
      }) as { id: number } | undefined;
      if (inserted) replyIds.push(inserted.id);
    });
    insertEvent.run(r.channel, r.threadId, 'agent_reply', r.actor, r.now, JSON.stringify({ replyIds }));
    row = getThread.get(r.channel, r.threadId) as ThreadRow;
    return { ok: true, replyIds, thread: toThread(row), firstResponseMs };
  });

  const threadOf = (channel: string, threadId: string) => {
    const row = getThread.get(channel, threadId) as ThreadRow | undefined;
    return row && toThread(row);
  };
  return {
    ...createSqliteNoReply(db, threadOf),
    ...createSqliteCustomers(db, threadOf),
    ...createSqliteThreadTags(db),
    ...createSqliteTeams(db),
    ...createSqliteReportCells(db),
    ...createSqliteReportBackfill(db),
    ...createSqliteThreadVersions(db),
    ...createSqliteQueueIndex(db),
    ...createSqliteSlaClocks(db),
    async getThread(channel, threadId) {
      const row = getThread.get(channel, threadId) as ThreadRow | undefined;
      return row && toThread(row);
    },
    async transition(request) {
      return doTransition(request);
    },
    async listThreads(states) {
      return (threadsIn.all(JSON.stringify(states)) as ThreadRow[]).map((row) => {
        const latest = latestMention.get(row.channel, row.thread_id) as MentionRowWithDecision | undefined;
        return { thread: toThread(row), latest: latest && mentionFromRow(latest) };
      });
    },
    async transcript(channel, threadId) {
      const replies = (
        threadReplies.all(channel, threadId) as {
          id: number;
          mention_id: number | null;
          text: string;
          kind: string;
          status: string;
          created_at: number;
          sent_at: number | null;
          author: string | null;
          last_error: string | null;
        }[]
      ).map(
        (r): TranscriptReply => ({
          id: r.id,
          mentionId: r.mention_id,
          text: r.text,
          kind: r.kind as ReplyKind,
          status: r.status,
          createdAt: r.created_at,
          sentAt: r.sent_at,
          author: r.author,
          ...(r.last_error ? { lastError: r.last_error } : {}),
        }),
      );
      const events = (
        threadEvents.all(channel, threadId) as {
          channel: string;
          thread_id: string;
          type: string;
          actor: string;
          at: number;
          data: string | null;
        }[]
      ).map(
        (e): ThreadEvent => ({
          channel: e.channel,
          threadId: e.thread_id,
          type: e.type,
          actor: e.actor,
          at: e.at,
          ...(e.data ? { data: JSON.parse(e.data) as Record<string, unknown> } : {}),
        }),
      );
      return { mentions: (threadMentions.all(channel, threadId) as MentionRowWithDecision[]).map(mentionFromRow), replies, events };
    },
    async queueAgentReply(request) {
      return doReply(request);
    },
    async markRead(r) {
      const row = lifecycle.markRead(r.channel, r.threadId, r.reader) as ThreadRow | undefined;
      if (row) return { ok: true, thread: toThread(row) };
      const current = getThread.get(r.channel, r.threadId) as ThreadRow | undefined;
      return { ok: false, thread: current && toThread(current) };
    },
    async idleClaims(before) {
      return (idle.all(before) as ThreadRow[]).map(toThread);
    },
    async recordEvent(e) {
      insertEvent.run(e.channel, e.threadId, e.type, e.actor, e.at, e.data ? JSON.stringify(e.data) : null);
    },
    slaDays: (since) => slaDays(since),
  };
}
