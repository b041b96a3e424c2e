import type { FastifyBaseLogger } from 'fastify';
import { ChannelSendError, type Channel } from '../channels/channel.js';
import type { OutgoingReply } from '../mention.js';
import type { Store } from '../store/store.js';
import type { Metrics } from '../server/metrics.js';
import { retryDelay } from './retry-delay.js';
import { createDrainLoop } from '../drain-loop.js';

export interface OutboxSenderOptions {
  store: Store;
  channels: ReadonlyMap<string, Channel>;
  log: FastifyBaseLogger;
  maxAttempts: number;
  retryBaseMs: number;
  batchSize?: number;
  /** A claimed reply not marked sent by then (the process died mid-send) is sent again. */
  leaseMs?: number;
  pollMs?: number;
  now?: () => number;
  /** Called with every reply that reached its platform. */
  onSent?: (reply: OutgoingReply, platformId: string) => void;
  metrics?: Pick<Metrics, 'replySent' | 'platformError' | 'rateLimitWait'>;
  /** The drain's CPU budget while webhooks arrive (bot/inbox/drain-budget.ts). */
  restAfter?: (stepMs: number) => number;
}

export interface OutboxSender {
  wake(): void;
  start(): void;
  /** Stops claiming replies and waits for the sends under way. */
  stop(): Promise<void>;
  /** Channels waiting for a rate-limit reset, with the time they may send again. */
  pausedChannels(): Record<string, number>;
}

/**
 * Sends queued replies to their platforms: each with its idempotency key, failures retried with
 * exponential backoff, a channel's rate-limit reset waited for without dropping anything, permanent
 * failures recorded on the thread.
 */
export function createOutboxSender(opts: OutboxSenderOptions): OutboxSender {
  const { store, channels, log } = opts;
  const now = opts.now ?? Date.now;
  const paused = new Map<string, number>();

  /** Sends one reply; resolves with its platform id, or undefined once the failure is recorded. */
  async function sendOne(reply: OutgoingReply): Promise<{ id: number; platformId: string } | undefined> {
    const channel = channels.get(reply.channel);
    try {
      if (!channel) throw new ChannelSendError(`channel ${reply.channel} is not enabled`, 'transient');
      const { platformId } = await channel.send(reply);
      opts.metrics?.replySent(reply, now());
      opts.onSent?.(reply, platformId);
      return { id: reply.id, platformId };
    } catch (err) {
      const e = err instanceof ChannelSendError ? err : new ChannelSendError((err as Error).message ?? String(err), 'transient');
      if (channel) opts.metrics?.platformError(reply.channel, e);
      if (e.kind === 'rate_limited') {
        const until = Math.max(e.retryAt ?? 0, now() + 1000);
        paused.set(reply.channel, until);
        await store.pauseChannel(reply.channel, until);
        await store.markReplyRetry(reply.id, until, e.message, false);
        opts.metrics?.rateLimitWait(reply.channel);
        log.warn({ channel: reply.channel, until: new Date(until).toISOString() }, 'rate limited: replies wait for the reset');
      } else if (e.kind === 'permanent' || reply.attempts >= opts.maxAttempts) {
        await store.markReplyFailed(reply.id, e.message, now());
        log.error({ replyId: reply.id, channel: reply.channel, threadId: reply.threadId, err: e.message }, 'reply failed for good');
      } else {
        await store.markReplyRetry(reply.id, now() + retryDelay(reply.attempts, opts.retryBaseMs), e.message, true);
        log.warn({ replyId: reply.id, channel: reply.channel, attempt: reply.attempts, err: e.message }, 'reply send failed, will retry');
      }
      return undefined;
    }
  }

  const loop = createDrainLoop(
    async () => {
      const t = now();
      // Pauses live in the store: a rate limit met by any instance holds the channel for all.
      const shared = await store.pausedChannels(t);
      paused.clear();
      for (const [name, until] of Object.entries(shared)) paused.set(name, until);
      const batch = await store.claimDueReplies(opts.batchSize ?? 32, t, opts.leaseMs ?? 60_000, [...paused.keys()]);
      // Sent replies are marked in one write; a crash before it re-sends them under the same
      // idempotency keys, which the platform (or the channel's own check) refuses as duplicates.
      const sent = await Promise.all(batch.map(sendOne));
      await store.markRepliesSent(sent.filter((s) => s !== undefined), now());
      return batch.length;
    },
    { log, what: 'outbox', periodMs: opts.pollMs ?? 250, restAfter: opts.restAfter },
  );

  return {
    wake: loop.wake,
    start: loop.start,
    stop: loop.stop,
    pausedChannels: () => Object.fromEntries(paused),
  };
}
