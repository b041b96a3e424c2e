import type { ChannelLimits } from '../shared/fit-to-channel.js';
import type { StoredMention } from '../store/mention.js';
import type { Understanding } from '../intents/understanding.js';
import type { Priority } from '../intents/urgency.js';
import { withRoutedPriority } from './queue-labels.js';
import { queueRank, type QueueRank } from './queue-order.js';
import type { HandoffThread } from '../store/handoff-store.js';
import { threadKey } from './thread-key.js';
import { textFacts } from './summary-text-facts.js';

export interface SlaStatus {
  targetMs: number;
  elapsedMs: number;
  remainingMs: number;
  state: 'ok' | 'warning' | 'breached';
  /** Which target runs: the first reply after a handoff, or the next reply to a customer's follow-up. */
  kind: 'first' | 'next';
}

/** A thread as the console lists it (handoff/README.md, ThreadSummary). */
export interface ThreadSummary {
  key: string;
  channel: string;
  threadId: string;
  state: HandoffThread['state'];
  assignee: string | null;
  author: string | null;
  lastText: string | null;
  /** The post a reply answers (the customer's latest). */
  lastPlatformId: string | null;
  permalink: string | null;
  /** The sort key of the queue (higher first): the level, then upset, then complaint. */
  priority: number;
  /** urgent (safety, data breach, legal threat), high (no service, money taken wrongly, repeated follow-up), normal or low. */
  priorityLevel: Priority;
  /** One plain label set for agents, each once: the priority's reasons ("Safety: burn injury"), the topic, the tone. */
  reasons: string[];
  understanding: Pick<
    Understanding,
    'intent' | 'confidence' | 'sentiment' | 'complaint' | 'urgency' | 'priority' | 'topic' | 'language'
  > | null;
  /** The language of the customer's latest mention (ISO 639-1) as the turn detected it; null when too short to tell. */
  language: string | null;
  handoffAt: number | null;
  claimedAt: number | null;
  firstHumanReplyAt: number | null;
  waitingMs: number;
  sla: SlaStatus | null;
  limits: { maxLength: number; weighted: boolean; urlLength: number | null };
  updatedAt: number;
  /** A reply here was given up for good, and why (the platform's answer, or how long it was unreachable). */
  replyFailure: { reason: string; at: number } | null;
  /** The customer wrote again and no person has answered yet: since when (the next-reply SLA runs from it). */
  customerRepliedAt: number | null;
  /** A customer mention came after the owner last read the thread. */
  unread: boolean;
}

export interface SummaryContext {
  now: number;
  limits: (channel: string) => ChannelLimits | undefined;
  /** The SLA clock of a handoff (first) or a follow-up (next) not yet answered by a person (business hours apply). */
  sla: (since: number, now: number, kind: SlaStatus['kind']) => SlaStatus;
}

export const understandingOf = (mention: { decision: Record<string, unknown> | null } | undefined): Understanding | null =>
  (mention?.decision?.understanding as Understanding | undefined) ?? null;

export { languageOf } from './summary-text-facts.js';

// X counts weighted characters and every link as 23; the console mirrors it while typing.
const X_CHANNELS = new Set(['x']);

const languageNoteOf = (mention: { decision: Record<string, unknown> | null } | undefined): string[] => {
  const note = mention?.decision?.languageNote;
  return typeof note === 'string' && note ? [note] : [];
};

export function summarizeThread(
  thread: HandoffThread,
  latest: (StoredMention & { decision: Record<string, unknown> | null }) | undefined,
  ctx: SummaryContext,
): ThreadSummary & { rank: QueueRank } {
  const understanding = understandingOf(latest);
  const waitingSince = thread.customerRepliedAt ?? thread.handoffAt ?? thread.updatedAt;
  const answered = thread.firstHumanReplyAt !== null && thread.customerRepliedAt === null;
  const waitingMs = answered ? 0 : Math.max(0, ctx.now - waitingSince);
  const facts = textFacts(latest?.text ?? null, understanding);
  const labels = withRoutedPriority(facts.labels, thread.routedPriority);
  const language = facts.language;
  const rank = queueRank(understanding, labels, waitingMs);
  const open = thread.state === 'waiting' || thread.state === 'agent';
  const sla =
    open && thread.customerRepliedAt
      ? ctx.sla(thread.customerRepliedAt, ctx.now, 'next')
      : open && thread.handoffAt && !thread.firstHumanReplyAt
        ? ctx.sla(thread.handoffAt, ctx.now, 'first')
        : null;
  const limits = ctx.limits(thread.channel);
  return {
    key: threadKey(thread.channel, thread.threadId),
    channel: thread.channel,
    threadId: thread.threadId,
    state: thread.state,
    assignee: thread.assignee,
    author: latest?.author ?? null,
    lastText: latest?.text ?? null,
    lastPlatformId: latest?.platformId ?? null,
    permalink: latest?.permalink ?? null,
    priority: rank.urgency * 4 + rank.negative * 2 + rank.complaint,
    priorityLevel: labels.priority,
    // The bot's note when its acknowledgement is not in the customer's language (bot/turn/language-replies.ts).
    reasons: [...labels.labels, ...languageNoteOf(latest)],
    understanding: understanding && {
      intent: understanding.intent,
      confidence: understanding.confidence,
      ...(understanding.sentiment ? { sentiment: understanding.sentiment } : {}),
      ...(understanding.complaint !== undefined ? { complaint: understanding.complaint } : {}),
      ...(understanding.urgency ? { urgency: understanding.urgency } : {}),
      ...(understanding.priority ? { priority: understanding.priority } : {}),
      ...(understanding.topic ? { topic: understanding.topic } : {}),
      ...(understanding.language !== undefined ? { language: understanding.language } : {}),
    },
    language,
    handoffAt: thread.handoffAt,
    claimedAt: thread.claimedAt,
    firstHumanReplyAt: thread.firstHumanReplyAt,
    waitingMs,
    sla,
    limits: {
      maxLength: limits?.maxLength ?? 500,
      weighted: X_CHANNELS.has(thread.channel),
      urlLength: X_CHANNELS.has(thread.channel) ? 23 : null,
    },
    updatedAt: thread.updatedAt,
    replyFailure: thread.replyFailure,
    customerRepliedAt: thread.customerRepliedAt,
    unread: thread.unreadAt !== null,
    rank,
  };
}
