import type { ChannelLimits } from '../shared/fit-to-channel.js';

// What handoff/ needs of the service, as interfaces the service's own parts satisfy: handoff/ imports none of them.

/** What handoff/ reports to the service's metrics (bot/server/metrics.ts implements it). */
export interface HandoffMetrics {
  setHandoffsOpen(n: number): void;
  observeHumanFirstResponse(seconds: number): void;
  countSlaBreach(): void;
  /** A customer's follow-up left unanswered past the next-reply target (counted once per follow-up). */
  countNextReplySlaBreach(): void;
}

/** What handoff/ needs of a channel: how a person's reply is fitted to its posts, and hiding a comment where it can. */
export interface ChannelPosts {
  readonly limits: ChannelLimits;
  /** Hides or shows a customer's comment (bot/channels/channel.ts); absent where the platform cannot. */
  moderate?(target: { platformId: string; replyContext?: Record<string, unknown> }, hidden: boolean): Promise<void>;
}
