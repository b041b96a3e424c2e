import type { Mention, MentionStatus, OutgoingReply, ReplyKind, StoredMention } from './mention.js';
import type { ThreadState } from './thread-state.js';

export interface AcceptResult {
  mentionId: number;
  /** The same channel + platform id was accepted before: nothing new was stored. */
  duplicate: boolean;
}

export interface Thread {
  channel: string;
  threadId: string;
  state: ThreadState;
  assignee: string | null;
  updatedAt: number;
}

export interface ReplyDraft {
  text: string;
  kind: ReplyKind;
}

/** What one turn decided for one mention; committed atomically by `commitTurn`. */
export interface TurnOutcome {
  status: Exclude<MentionStatus, 'received'>;
  /** Why: the understanding, the matched entry, the guard that fired. Kept on the mention for agents. */
  decision: Record<string, unknown>;
  /** Reply parts, already fitted to the channel's length limit, in posting order. */
  replies: ReplyDraft[];
  /**
   * New thread state: waiting after a handoff (applied only while the bot may still answer there, so a
   * claim made during the turn wins), or agent (resolved when NATIVE_REPLY_RESOLVES) when the brand
   * replied natively on the platform (`assignee` then names who: `platform:<handle>`). Without one, a
   * customer mention in a thread people hold marks it customer-replied (store/thread-state.ts, CUSTOMER_REPLIED_STATES).
   */
  threadState?: 'waiting' | 'agent' | 'resolved';
  assignee?: string;
  /**
   * The brand's own top-level post (no customer in the thread): the thread opened for it is dropped
   * when it holds nothing else, so it never reaches people's lists.
   */
  dropThread?: boolean;
}

/** What giving a reply up did to its thread (Store.markReplyFailed). */
export interface ReplyFailure {
  channel: string;
  threadId: string;
  kind: ReplyKind;
  recipient: string;
  mentionId: number | null;
  /** This failure moved the thread from the bot to a person (state waiting). */
  handedOff: boolean;
  /** The thread's state afterwards. */
  state: ThreadState;
}

/**
 * A mention posted earlier in a thread, as the turn reads it for context (Store.earlierMentions):
 * the start of its text and what was decided for it.
 */
export interface EarlierMention {
  id: number;
  author: string;
  /** At most the first EARLIER_TEXT_CHARS characters. */
  text: string;
  status: MentionStatus;
  /** The entry it was answered with, when it was. */
  entryId?: string;
  /** Why it was decided so (knowledge_match, not_understood, courtesy, own_post...). */
  reason?: string;
  /** The built-in topic it was understood as (refund, outage...). */
  topic?: string;
  /** The language it was written in (ISO 639-1), when the turn could tell. */
  language?: string;
}

/** How much of an earlier mention's text the turn reads: enough to know what it was about. */
export const EARLIER_TEXT_CHARS = 500;

export interface ThreadEvent {
  channel: string;
  threadId: string;
  type: string;
  actor: string;
  at: number;
  data?: Record<string, unknown>;
}

/**
 * Durable state of the responder: inbox, outbox, threads. Every method that guards against doing
 * something twice is a single atomic operation of the underlying store (never a read-then-write).
 */
export interface Store {
  /** Inserts the mention unless channel + platform id exists; opens its thread. */
  acceptMention(mention: Mention, now: number, deadlineAt: number): Promise<AcceptResult>;
  /**
   * Leases up to `limit` undecided mentions whose lease has expired, oldest first, and only as many
   * as fit in `maxTextBytes` of text (default STEP_TEXT_BYTES; always at least one).
   */
  claimMentions(limit: number, now: number, leaseMs: number, maxTextBytes?: number): Promise<StoredMention[]>;
  /** Undecided mentions past their acknowledgement deadline (leased or not), earliest first, within `maxTextBytes` as claimMentions. */
  overdueMentions(limit: number, now: number, maxTextBytes?: number): Promise<StoredMention[]>;
  /** Records the decision and queues its replies, only if the mention is still undecided. */
  commitTurn(mention: StoredMention, outcome: TurnOutcome, now: number): Promise<boolean>;
  /** commitTurn for a batch, in one write: element i tells whether turn i was committed. */
  commitTurns(turns: { mention: StoredMention; outcome: TurnOutcome }[], now: number): Promise<boolean[]>;
  getMention(id: number): Promise<(StoredMention & { decision: Record<string, unknown> | null }) | undefined>;
  getThread(channel: string, threadId: string): Promise<Thread | undefined>;
  /**
   * Up to `limit` mentions of the thread received before mention `beforeId` (decided or not), oldest
   * first, each text cut to EARLIER_TEXT_CHARS: a bounded read, however long the thread.
   */
  earlierMentions(channel: string, threadId: string, beforeId: number, limit: number): Promise<EarlierMention[]>;
  /**
   * Whether a brand post seen in a thread is one first-reply sent: a reply with this platform id, or
   * (its id not recorded yet: the platform echoed it before the send returned) one in flight or sent
   * with the same text. Otherwise a person posted it natively.
   */
  isOwnReply(channel: string, threadId: string, platformId: string, text: string): Promise<boolean>;
  /** Bot replies (answers and acknowledgements, counted per mention) sent or queued to this author since `since`. */
  countBotReplies(channel: string, recipient: string, since: number): Promise<number>;
  /**
   * Leases up to `limit` replies that are due, skipping `pausedChannels`. Bot replies queued in a
   * thread a person now owns are cancelled here instead: they must never go out.
   */
  claimDueReplies(limit: number, now: number, leaseMs: number, pausedChannels: readonly string[]): Promise<OutgoingReply[]>;
  /** Records replies that reached their platform, in one write. */
  markRepliesSent(sent: { id: number; platformId: string }[], now: number): Promise<void>;
  /**
   * Back to pending, not before `retryAt`. `countAttempt` false for rate-limit waits (not the reply's
   * fault); true for a backoff after a network error or 5xx, which `pullForwardRetries` may shorten.
   */
  markReplyRetry(id: number, retryAt: number, error: string, countAttempt: boolean): Promise<void>;
  /**
   * A send on `channel` just succeeded: its pending, unleased replies waiting on a backoff after a
   * network error or 5xx become due, in one operation, so a backlog goes out once the platform is back
   * rather than each at its own next attempt; due from when they were queued, so the oldest go first.
   * Attempts and deadlines stay as they are; rate-limit waits are left alone. At most once per
   * `everyMs` per channel (across instances on a shared store), counted from the last call that moved
   * any reply, so a flapping platform cannot cause a storm. Resolves with how many replies became due.
   */
  pullForwardRetries(channel: string, now: number, everyMs: number): Promise<number>;
  /**
   * A probe of whether a channel that has been failing answers again: the one of its replies waiting
   * on a backoff after a network error or 5xx whose attempt is next becomes due at `now` (attempts and
   * deadline kept). False when none waits so.
   */
  probeRetry(channel: string, now: number): Promise<boolean>;
  /**
   * Whether this instance may send a probe to a channel whose circuit is open, one turn per interval
   * per channel for every instance on this store: the first call opens the turns (not granted, the
   * first comes `firstMs` later), each granted turn doubles the interval up to `maxMs`. `nextAt`: when
   * the next turn comes. Turns not asked for in 2 × `maxMs` start over.
   */
  takeProbeTurn(channel: string, now: number, firstMs: number, maxMs: number): Promise<{ granted: boolean; nextAt: number }>;
  /** The channel answered: its probe turns end (the next outage starts at the first interval). */
  endProbeTurns(channel: string): Promise<void>;
  /**
   * A reply given up for good (`reason` says why), only while it is still pending, atomically with
   * its thread: a thread the bot holds (bot, resolved, closed) goes to a person (waiting, no owner);
   * every thread keeps the reason for the console until a person hands it back, resolves or closes it.
   * The later parts of the same answer still pending are cancelled when the thread is then with a
   * person (waiting or agent): they would read out of context without the part that failed.
   * Undefined when the reply was not pending (another instance settled it): nothing changed.
   */
  markReplyFailed(id: number, reason: string, now: number): Promise<ReplyFailure | undefined>;
  /**
   * Resolves when the store takes writes now; rejects otherwise (Redis unreachable, the SQLite file
   * locked by another process). Readiness asks it.
   */
  checkWritable(): Promise<void>;
  /** Counts by status, for readiness and operators. */
  stats(): Promise<{ mentions: Record<string, number>; outbox: Record<string, number> }>;
  /**
   * Drops every lease: called at start, when no other process can hold one (single-machine store).
   * A store shared by several instances leaves live instances' leases alone (they expire).
   */
  releaseLeases(): Promise<void>;
  /** Holds a channel's sends until `until` (a rate-limit reset) for every instance on this store; the later pause wins. */
  pauseChannel(channel: string, until: number): Promise<void>;
  /** Channels still paused at `now`, with the time each may send again. */
  pausedChannels(now: number): Promise<Record<string, number>>;
  close(): Promise<void>;
}
