import type { MentionStatus, OutgoingReply, ReplyKind, StoredMention } from '../mention.js';
import type { Thread, ThreadState } from './store.js';

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
    ...(r.received_at ? { receivedAt: Number(r.received_at) } : {}),
  };
}

export function toThread(r: Record<string, string>): Thread {
  return { channel: r.channel!, threadId: r.thread_id!, state: r.state as ThreadState, assignee: r.assignee || null, updatedAt: Number(r.updated_at) };
}
