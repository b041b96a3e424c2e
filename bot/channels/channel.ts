import type { FastifyInstance, FastifyBaseLogger } from 'fastify';
import type Keyv from 'keyv';
import type { ChannelLimits } from '../../shared/fit-to-channel.js';
import type { Mention, OutgoingReply, ReplyKind } from '../../store/mention.js';
import type { AcceptResult } from '../../store/store.js';

// The limits type belongs to the fitting helper both the outbox and handoff use.
export type { ChannelLimits };

/** What a channel is given to hand mentions in and keep its own state (cursors, sessions). */
export interface ChannelContext {
  /** Stores the mention durably (deduplicated) before it resolves: only then tell the platform "received". */
  accept(mention: Mention): Promise<AcceptResult>;
  /** Plain key/value state namespaced for this channel (polling cursors...). */
  state: Keyv;
  log: FastifyBaseLogger;
  /** The channel's daily allowance (set when it declares a `dailyQuota`): its own calls (polls, reads) spend it too. */
  quota?: ChannelQuota;
}

/** What a channel with a daily quota spends on calls other than replies. */
export interface ChannelQuota {
  /**
   * Spends `units` now, or refuses when that would go past the allowance (then the call is not made;
   * `retryAt`: when the units come back). `use`: a poll is kept out of the share saved for
   * acknowledgements; a read made for a reply counts as that reply.
   */
  spend(units: number, use: 'poll' | ReplyKind): Promise<{ granted: true } | { granted: false; retryAt: number }>;
}

export interface SendResult {
  /** The reply's id on the platform. */
  platformId: string;
}

/**
 * A failed send. transient: retry with backoff. rate_limited: retry at `retryAt` (ms epoch), not before.
 * permanent: the post was deleted, the account blocked us...: recorded on the thread, never retried.
 */
export class ChannelSendError extends Error {
  override name = 'ChannelSendError';
  constructor(
    message: string,
    readonly kind: 'transient' | 'permanent' | 'rate_limited',
    readonly retryAt?: number,
  ) {
    super(message);
  }
}

/**
 * A platform adapter. It translates the platform to mentions and replies back, and nothing else:
 * above it nothing knows which platform a mention came from.
 */
/**
 * A platform's daily allowance beside its rate limits (YouTube's quota units, Google Play's and Threads'
 * replies per day). Replies over it wait in the outbox for the next day, never dropped.
 */
export interface DailyQuota {
  /** Units the platform grants per day (per account, app or profile: one channel instance). */
  readonly units: number;
  /** Units one reply costs (YouTube: 50 per comments.insert; a replies-per-day limit: 1). */
  readonly perReply: number;
  /** When the allowance comes back: at midnight in this IANA zone, or 'rolling' over the last 24 hours. */
  readonly resets: 'rolling' | { readonly midnightIn: string };
}

/** A customer's public comment, as a moderation call names it (the mention's platform id and reply context). */
export interface ModerationTarget {
  platformId: string;
  replyContext?: Record<string, unknown>;
}

export interface Channel {
  readonly name: string;
  readonly limits: ChannelLimits;
  /** Set when the platform caps replies per day; the outbox's quota governor keeps to it. */
  readonly dailyQuota?: DailyQuota;
  /** Webhook routes, registered in the channel's own encapsulated Fastify scope. */
  routes?(app: FastifyInstance, ctx: ChannelContext): Promise<void>;
  /** Start polling or streaming, if the channel works that way. */
  start?(ctx: ChannelContext): Promise<void>;
  stop?(): Promise<void>;
  /**
   * Platforms without an idempotency key: this reply as already posted in its thread (an earlier
   * attempt went out but its answer was lost: a timeout, a cut connection), read with the platform's
   * own read API; undefined when it is not there. The outbox asks before sending a reply again.
   * Throws ChannelSendError when the thread cannot be read (then nothing is sent: it is tried later).
   */
  findPosted?(reply: OutgoingReply): Promise<SendResult | undefined>;
  /**
   * Hides a customer's public comment from everyone but its author and the brand (or shows it again),
   * on the platforms that allow it. Throws ChannelSendError on failure.
   */
  moderate?(target: ModerationTarget, hidden: boolean): Promise<void>;
  /** Posts one reply into its thread. Throws ChannelSendError on failure. */
  send(reply: OutgoingReply): Promise<SendResult>;
}
