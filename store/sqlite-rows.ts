import type { MentionStatus, OutgoingReply, ReplyKind, StoredMention } from './mention.js';

/** The SQLite rows of mentions and replies, and the records they read as. */

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

export interface OutboxRow {
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

export const toReply = (r: OutboxRow): OutgoingReply => ({
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

export type MentionRowWithDecision = MentionRow & { decision: string | null };

/** A mentions row with the bot's decision (the understanding agents see). */
export const mentionFromRow = (r: MentionRowWithDecision): StoredMention & { decision: Record<string, unknown> | null } => ({
  ...toMention(r),
  decision: r.decision ? (JSON.parse(r.decision) as Record<string, unknown>) : null,
});
