import type { HandoffThread, RoutedPriority } from './handoff-store.js';
import type { ThreadState } from './thread-state.js';

/** A threads row on SQLite, and the thread the handoff layer sees. */
export interface ThreadRow {
  channel: string;
  thread_id: string;
  state: ThreadState;
  assignee: string | null;
  created_at: number;
  updated_at: number;
  handoff_at: number | null;
  claimed_at: number | null;
  first_human_reply_at: number | null;
  last_agent_activity_at: number | null;
  reply_failure: string | null;
  reply_failed_at: number | null;
  customer_replied_at: number | null;
  unread_at: number | null;
  routed_priority?: RoutedPriority | null;
}

export const toThread = (r: ThreadRow): HandoffThread => ({
  channel: r.channel,
  threadId: r.thread_id,
  state: r.state,
  assignee: r.assignee,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  handoffAt: r.handoff_at,
  claimedAt: r.claimed_at,
  firstHumanReplyAt: r.first_human_reply_at,
  lastAgentActivityAt: r.last_agent_activity_at,
  replyFailure: r.reply_failure ? { reason: r.reply_failure, at: r.reply_failed_at ?? r.updated_at } : null,
  customerRepliedAt: r.customer_replied_at ?? null,
  unreadAt: r.unread_at ?? null,
  routedPriority: r.routed_priority ?? null,
});
