import type { FastifyBaseLogger } from 'fastify';
import type { ChannelSendError } from '../channels/channel.js';
import type { OutgoingReply } from '../../store/mention.js';
import type { ReplyFailure, Store } from '../../store/store.js';
import type { Metrics } from '../server/metrics.js';
import { nextStep, type RetryPolicy } from './retry-policy.js';

export interface SettleOptions {
  store: Store;
  log: FastifyBaseLogger;
  policy: RetryPolicy;
  now: () => number;
  /** The channels this instance holds for a rate-limit reset, kept up to date here. */
  paused: Map<string, number>;
  metrics?: Pick<Metrics, 'rateLimitWait'> | undefined;
  onFailed?: ((reply: OutgoingReply, failure: ReplyFailure, reason: string) => void) | undefined;
  onRetry?: ((reply: OutgoingReply, reason: string) => void) | undefined;
}

/**
 * How a reply that did not go out is settled. `tried`: its send failed. `held`: not sent, its
 * channel's circuit is open. `quota`: not sent, its channel's daily allowance is spent (a
 * `rate_limited` error until the units come back): only this reply waits, not the channel, since an
 * acknowledgement may still have units; as with a rate limit, a wait past the reply's deadline gives
 * it up and hands its thread to a person.
 */
export function createSettleFailure(o: SettleOptions) {
  return async function settleFailure(reply: OutgoingReply, e: ChannelSendError, how: 'tried' | 'held' | 'quota') {
    const step = nextStep(reply, e, o.now(), o.policy);
    if (step.kind === 'pause' && how === 'quota') {
      await o.store.markReplyRetry(reply.id, step.until, e.message, false);
    } else if (step.kind === 'pause') {
      o.paused.set(reply.channel, step.until);
      await o.store.pauseChannel(reply.channel, step.until);
      await o.store.markReplyRetry(reply.id, step.until, e.message, false);
      o.metrics?.rateLimitWait(reply.channel);
      o.log.warn({ channel: reply.channel, until: new Date(step.until).toISOString() }, 'rate limited: replies wait for the reset');
    } else if (step.kind === 'give_up') {
      const failure = await o.store.markReplyFailed(reply.id, step.reason, o.now());
      o.log.error(
        {
          replyId: reply.id,
          channel: reply.channel,
          threadId: reply.threadId,
          attempts: reply.attempts,
          reason: step.reason,
          handedOff: failure?.handedOff,
        },
        'reply given up',
      );
      if (failure) o.onFailed?.(reply, failure, step.reason);
    } else if (how === 'tried') {
      await o.store.markReplyRetry(reply.id, step.at, e.message, true);
      o.onRetry?.(reply, e.message);
      o.log.warn(
        { replyId: reply.id, channel: reply.channel, attempt: reply.attempts, retryAt: new Date(step.at).toISOString(), err: e.message },
        'reply send failed, will retry',
      );
    } else {
      // Counted as a backoff so that the pull-forward at the channel's return brings it along.
      await o.store.markReplyRetry(reply.id, step.at, `not sent, ${reply.channel} circuit open: ${e.message}`, true);
    }
  };
}
