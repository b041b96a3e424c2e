import type { MentionStatus, OutgoingReply, ReplyKind, StoredMention } from './mention.js';
import type { HandoffThread, TranscriptReply } from './handoff-store.js';
import type { Thread, ThreadEvent } from './store.js';
import type { ThreadState } from './thread-state.js';

/** A hash as Redis returns it from a script: [field, value, field, value...]. */
export function fromPairs(pairs: unknown): Record<string, string> {
  const list = pairs as string[];
  const row: Record<string, string> = {};
  for (let i = 0; i + 1 < list.length; i += 2) row[String(list[i])] = String(list[i + 1]);
  return row;
}

// Absent optional fields are stored as '' (Redis hashes have no NULL).
const json = (text: string | undefined) => (text ? (JSON.parse(text) as Record<string, unknown>) : undefined);

export function toMention(r: Record<string, string>): StoredMention {
  const replyContext = json(r.reply_context);
  return {
    id: Number(r.id),
    channel: r.channel!,
    platformId: r.platform_id!,
    threadId: r.thread_id!,
    author: r.author!,
    authorIsBot: r.author_is_bot === '1',
    text: r.text!,
    createdAt: r.created_at!,
    ...(r.permalink ? { permalink: r.permalink } : {}),
    ...(replyContext ? { replyContext } : {}),
    receivedAt: Number(r.received_at),
    deadlineAt: Number(r.deadline_at),
    status: r.status as MentionStatus,
    attempts: Number(r.attempts),
  };
}

export function toDecision(r: Record<string, string>): Record<string, unknown> | null {
  return json(r.decision) ?? null;
}

export function toReply(r: Record<string, string>): OutgoingReply {
  const replyContext = json(r.reply_context);
  return {
    id: Number(r.id),
    idempotencyKey: r.idempotency_key!,
    mentionId: r.mention_id ? Number(r.mention_id) : null,
    channel: r.channel!,
    threadId: r.thread_id!,
    inReplyTo: r.in_reply_to!,
    recipient: r.recipient!,
    text: r.text!,
    kind: r.kind as ReplyKind,
    attempts: Number(r.attempts),
    ...(replyContext ? { replyContext } : {}),
    ...(r.created_at ? { queuedAt: Number(r.created_at) } : {}),
    ...(r.received_at ? { receivedAt: Number(r.received_at) } : {}),
  };
}

export function toThread(r: Record<string, string>): Thread {
  return {
    channel: r.channel!,
    threadId: r.thread_id!,
    state: r.state as ThreadState,
    assignee: r.assignee || null,
    updatedAt: Number(r.updated_at),
  };
}

const time = (text: string | undefined) => (text ? Number(text) : null);

/** A thread row with its handoff times (fields absent on threads created before them read as null). */
export function toHandoffThread(r: Record<string, string>): HandoffThread {
  return {
    ...toThread(r),
    createdAt: Number(r.created_at),
    handoffAt: time(r.handoff_at),
    claimedAt: time(r.claimed_at),
    firstHumanReplyAt: time(r.first_human_reply_at),
    lastAgentActivityAt: time(r.last_agent_activity_at),
    replyFailure: r.reply_failure ? { reason: r.reply_failure, at: Number(r.reply_failed_at) } : null,
    customerRepliedAt: time(r.customer_replied_at),
    unreadAt: time(r.unread_at),
    routedPriority: (r.routed_priority || null) as HandoffThread['routedPriority'],
  };
}

export function toTranscriptReply(r: Record<string, string>): TranscriptReply {
  return {
    id: Number(r.id),
    mentionId: r.mention_id ? Number(r.mention_id) : null,
    text: r.text!,
    kind: r.kind as ReplyKind,
    status: r.status!,
    createdAt: Number(r.created_at),
    sentAt: time(r.sent_at),
    author: r.author || null,
    ...(r.last_error ? { lastError: r.last_error } : {}),
  };
}

/** The event JSON kept in a thread's event list (the thread is in the key). */
export const eventJson = (type: string, actor: string, at: number, data?: Record<string, unknown>) =>
  JSON.stringify({ type, actor, at, data: data ?? null });

export function toThreadEvent(channel: string, threadId: string, json: string): ThreadEvent {
  const e = JSON.parse(json) as { type: string; actor: string; at: number; data: Record<string, unknown> | null };
  return { channel, threadId, type: e.type, actor: e.actor, at: Number(e.at), ...(e.data ? { data: e.data } : {}) };
}
