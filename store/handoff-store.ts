import type { ReplyKind, StoredMention } from './mention.js';
import type { ThreadEvent } from './store.js';
import type { ThreadState } from './thread-state.js';
import type { CustomerStore } from './customer-store.js';
import type { ThreadTagStore } from './thread-tags.js';
import type { TeamStore } from './team-store.js';
import type { QueueIndexStore } from './queue-index.js';
import type { ReportCellStore } from './report-cells.js';
import type { ReportBackfillStore } from './report-backfill.js';

// What handoff/ uses of customers and tags comes through this interface file (docs/architecture.md).
export type { Customer, CustomerIdentity, CustomerNotes, CustomerStore, CustomerThreads, NotesSave } from './customer-store.js';
export { taggedKey, type TaggedThread, type ThreadTagStore } from './thread-tags.js';
export type { HandoffSample, Team, TeamStore } from './team-store.js';
export { HOUR_MS, parseDecision, type ReportCell, type ReportCellStore, type ReportKind } from './report-cells.js';
export type { PastDecision, PastFactsPage, PastReply, ReportBackfillState } from './report-backfill.js';

/** A thread as the handoff layer sees it. Times are epoch ms; null when it has not happened. */
export interface HandoffThread {
  channel: string;
  threadId: string;
  state: ThreadState;
  assignee: string | null;
  createdAt: number;
  updatedAt: number;
  /** When it was last handed to a person (state waiting). */
  handoffAt: number | null;
  claimedAt: number | null;
  /** The first reply a person sent since the handoff (console or natively on the platform). */
  firstHumanReplyAt: number | null;
  /** A person's last action on the thread (claim, reply): idle claims are released from it. */
  lastAgentActivityAt: number | null;
  /** The last reply given up for good here, and why: shown until a person hands the thread back, resolves or closes it. */
  replyFailure: { reason: string; at: number } | null;
  /** The first customer mention not yet answered by a person or the brand, since the last such reply (store/thread-state.ts, CUSTOMER_REPLIED_STATES). */
  customerRepliedAt: number | null;
  /** A customer mention came after the owner last read the thread (cleared by markRead). */
  unreadAt: number | null;
  /** The priority a routing rule set (urgent, high, normal, low); null when no rule set one. */
  routedPriority?: RoutedPriority | null;
}

/** A routing rule's priority (the same levels as the understanding's). */
export type RoutedPriority = 'urgent' | 'high' | 'normal' | 'low';

export interface TransitionRequest {
  channel: string;
  threadId: string;
  from: readonly ThreadState[];
  to: ThreadState;
  /** Set the assignee (null clears it); undefined keeps it. */
  assignee?: string | null;
  /** Compare-and-set on the owner: the thread must be assigned to this person. */
  ifAssignee?: string;
  /** Compare-and-set on the last activity (idle release: nobody acted since it was found idle). */
  ifLastActivityAt?: number | null;
  /** Compare-and-set: no customer mention is waiting for an answer (the person did not confirm leaving it unanswered). */
  ifNoCustomerReply?: boolean;
  /**
   * Workload cap: the new assignee must own fewer than this many threads (state agent) besides
   * this one, checked in the same atomic step; refused with `overCap` otherwise.
   */
  claimCap?: number;
  /** Recorded as the thread event of this transition. */
  event: { type: string; actor: string; data?: Record<string, unknown> };
  now: number;
}

export type TransitionResult = { ok: true; thread: HandoffThread } | { ok: false; thread: HandoffThread | undefined; overCap?: boolean };

/** A thread with its latest customer mention (and the bot's decision on it). */
export interface ListedThread {
  thread: HandoffThread;
  latest: (StoredMention & { decision: Record<string, unknown> | null }) | undefined;
}

/**
 * An open thread's version: a string that changes whenever anything a listing shows of the thread
 * changes (any field of its row, which mention is its latest, that mention's status). Opaque.
 */
export interface ThreadVersion {
  channel: string;
  threadId: string;
  version: string;
}

/** What a person sends into a thread; fitted into parts already (the channel's limit). */
export interface AgentReplyRequest {
  channel: string;
  threadId: string;
  actor: string;
  parts: string[];
  /** The post this answers (the customer's latest) and its author. */
  inReplyTo: string;
  recipient: string;
  replyContext?: Record<string, unknown>;
  /** Unique per reply (the console sends one per submit), so a double-click queues it once. */
  requestId: string;
  now: number;
}

export interface TranscriptReply {
  id: number;
  mentionId: number | null;
  text: string;
  kind: ReplyKind;
  status: string;
  createdAt: number;
  sentAt: number | null;
  /** Who wrote an agent reply (the person's user name); null for the bot. */
  author: string | null;
  /** Why the last send failed (the platform's answer), or why it was cancelled; absent when none. */
  lastError?: string;
}

export interface ThreadTranscript {
  mentions: (StoredMention & { decision: Record<string, unknown> | null })[];
  replies: TranscriptReply[];
  events: ThreadEvent[];
}

export interface SlaDay {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  mentions: number;
  /** Mentions whose first reply (answer or acknowledgement) was sent within 1, 5, 60 minutes. */
  within1m: number;
  within5m: number;
  within60m: number;
  /** Mentions decided to need no person (a thanks, spam, noise): not in `mentions`, so the shares above stay honest. */
  noReply: number;
  /** Handoffs answered by a person that day, with each first-response time (ms, wall clock). */
  humanFirstResponsesMs: number[];
  /** People's (or the brand's) replies that day to a customer's follow-up, each time since the follow-up (ms, wall clock). */
  humanNextResponsesMs: number[];
}

/** A mention decided to need no reply (a thanks, spam, noise), as agents review them. */
export interface NoReplyMention {
  /** Its text cut to LISTED_TEXT_CHARS (bot/store/step-budget.ts), as in the queue. */
  mention: StoredMention;
  /** Why no reply was needed: courtesy, spam or noise. */
  reason: string;
  /** The courtesy reply queued for it and how far it got (pending, sent, failed, cancelled); null when none. */
  courtesy: { text: string; status: string } | null;
  /** An agent turned it into a handoff: who and when; null until then. */
  handedOff: { by: string; at: number } | null;
}

/** What turning a no-reply mention into a handoff did: `already` when an agent did so before (nothing changed). */
export type NoReplyHandoff =
  | {
      outcome: 'handed_off' | 'already';
      channel: string;
      threadId: string;
      handedOff: { by: string; at: number };
      thread: HandoffThread | undefined;
    }
  | { outcome: 'not_found' };

/**
 * Durable state of thread ownership, on the same backend as the responder's store (the same SQLite
 * file or Redis server). Every guard is one atomic operation, never a read-then-write.
 */
export interface HandoffStore
  extends CustomerStore<ListedThread>,
    ThreadTagStore,
    TeamStore,
    QueueIndexStore,
    ReportCellStore,
    ReportBackfillStore {
  getThread(channel: string, threadId: string): Promise<HandoffThread | undefined>;
  /** Compare-and-set transition plus its event, atomically. */
  transition(request: TransitionRequest): Promise<TransitionResult>;
  /** Threads in the given states (the queue: waiting and agent), with their latest mention, its text cut to LISTED_TEXT_CHARS (store/step-budget.ts). */
  listThreads(states: readonly ThreadState[]): Promise<ListedThread[]>;
  /** Every open thread (waiting, agent) with its version only: no texts, no decisions (a listing reads whole only what changed). */
  listOpenThreadVersions(): Promise<ThreadVersion[]>;
  /**
   * The threads whose queue listing may have changed since `since` (a token this method returned),
   * open or not (`open` false: it left the queue), and the token to pass next; with `since` null, no
   * threads, only the token (read it before a full listing). Undefined when the backend keeps no
   * change journal: a listing then compares every open thread's version.
   */
  openThreadChanges?(
    since: number | null,
  ): Promise<{ token: number; changed: { channel: string; threadId: string; open: boolean }[] } | undefined>;
  /** The given threads as listThreads lists them (any state; a thread that does not exist is left out). */
  listThreadsOf(refs: readonly { channel: string; threadId: string }[]): Promise<ListedThread[]>;
  transcript(channel: string, threadId: string): Promise<ThreadTranscript>;
  /**
   * Queues a person's reply, only while they own the thread (state agent, assignee = actor):
   * sets the first human reply time and the last activity. `ok: false` when they do not own it.
   */
  queueAgentReply(request: AgentReplyRequest): Promise<{
    ok: boolean;
    replyIds: number[];
    thread: HandoffThread | undefined;
    /** Set when this reply is the person's first response since the handoff: how long it took (ms). */
    firstResponseMs: number | null;
  }>;
  /** Claims (state agent) whose last activity is before `before`, held by people (not platform:). */
  idleClaims(before: number): Promise<HandoffThread[]>;
  recordEvent(event: ThreadEvent): Promise<void>;
  /**
   * Records the event unless one of its type is on the thread since `since`, atomically: of several
   * instances sending the same notice, exactly one gets true.
   */
  recordEventOnce(event: ThreadEvent, since: number): Promise<boolean>;
  /** Per UTC day since `since`: acknowledgement shares and human first responses. */
  slaDays(since: number): Promise<SlaDay[]>;
  /** No-reply mentions, newest first, with ids below `beforeId` (the previous page's last), of one reason or all. */
  listNoReply(query: { limit: number; beforeId?: number; reason?: string }): Promise<NoReplyMention[]>;
  /**
   * An agent turns a no-reply mention into a handoff, atomically and once: the mention keeps its
   * status (the SLA report still counts it apart) and records who did it; its thread goes to the
   * queue (waiting, no owner) when the bot held it, or stays with the people who have it; the
   * `hand_off` event is recorded. A second call changes nothing (`already`).
   */
  handOffNoReply(request: { mentionId: number; actor: string; now: number }): Promise<NoReplyHandoff>;
  /**
   * The owner read the thread: its unread marker is cleared, atomically, when `reader` owns it (or
   * nobody does, or only the platform). `ok: false` with the thread as it is otherwise.
   */
  markRead(request: { channel: string; threadId: string; reader: string; now: number }): Promise<TransitionResult>;
}
