import type { FastifyBaseLogger } from 'fastify';
import { ChannelSendError, type Channel } from '../channels/channel.js';
import type { OutgoingReply } from '../../store/mention.js';
import type { ReplyFailure, Store } from '../../store/store.js';
import type { Metrics } from '../server/metrics.js';
import type { RetryPolicy } from './retry-policy.js';
import { createDrainLoop } from '../drain-loop.js';
import { createChannelBreakers } from './channel-breaker.js';
import { sendOnce } from './send-once.js';
import { createSettleFailure } from './settle-failure.js';
import type { QuotaGovernor } from './quota-governor.js';

export interface OutboxSenderOptions {
  store: Store;
  channels: ReadonlyMap<string, Channel>;
  log: FastifyBaseLogger;
  /** Set: a reply is also given up after this many attempts (OUTBOX_MAX_ATTEMPTS); else only at its deadline. */
  maxAttempts?: number;
  retryBaseMs: number;
  /** The longest wait between two attempts (default 5 minutes). */
  maxRetryDelayMs?: number;
  /** Network errors and 5xx are retried until this long after the reply was queued (default 6 hours): its deadline. */
  retryHorizonMs?: number;
  /**
   * Once a send on a channel succeeds, its replies waiting on a backoff are due at once (the platform
   * is back), at most once per this long per channel (default 30 s) so a flapping platform cannot
   * cause a storm.
   */
  pullForwardEveryMs?: number;
  /**
   * A channel whose last send failed on the network or with a 5xx, and on which nothing was tried for
   * this long (default 30 s), has its next backed-off reply tried now: a probe, so that even a small
   * backlog learns soon that the platform is back instead of at its next attempt (up to 5 min).
   */
  probeEveryMs?: number;
  /**
   * After this many sends in a row on a channel failed on the network or with a 5xx (default 5), the
   * channel's circuit opens: its replies are held back, not sent (their deadlines keep running), and
   * one of them goes out as a probe per interval, from `firstProbeMs` (default 5 s) doubling up to
   * `probeEveryMs`; across instances on a shared store, one probe per interval in all. The first
   * answer closes it and brings the channel's backlog forward at once.
   */
  breakerFailures?: number;
  firstProbeMs?: number;
  batchSize?: number;
  /** A claimed reply not marked sent by then (the process died mid-send) is sent again. */
  leaseMs?: number;
  pollMs?: number;
  now?: () => number;
  /** Called once with every reply given up for good (its thread went to a person if the bot held it). */
  onFailed?: (reply: OutgoingReply, failure: ReplyFailure, reason: string) => void;
  /** Called after each step with the replies marked sent, and with each reply whose send failed and will be retried. */
  onSent?: (replies: OutgoingReply[]) => void;
  onRetry?: (reply: OutgoingReply, reason: string) => void;
  metrics?: Pick<Metrics, 'replySent' | 'platformError' | 'rateLimitWait' | 'setBreakerOpen'>;
  /** Keeps the channels' daily allowances: replies over one wait for it. */
  quota?: QuotaGovernor;
  /** The drain's CPU budget while webhooks arrive (bot/inbox/drain-budget.ts). */
  restAfter?: (stepMs: number) => number;
}

/** No quota kept: no reply is over one (and the step takes no extra turn of the event loop). */
const NONE_OVER: ReadonlyMap<number, number> = new Map();

export interface OutboxSender {
  wake(): void;
  start(): void;
  /** Stops claiming replies and waits for the sends under way. */
  stop(): Promise<void>;
  /** Channels waiting for a rate-limit reset, with the time they may send again. */
  pausedChannels(): Record<string, number>;
}

/**
 * Sends queued replies to their platforms: each with its idempotency key, network errors and 5xx
 * retried with exponential backoff up to the reply's deadline (retry-policy.ts), a channel's rate-limit
 * reset waited for without dropping anything. The first success on a channel makes its other backed-off
 * replies due at once; a failing channel left quiet by its backoffs is probed with one of them. A
 * channel failing for long has its circuit opened (channel-breaker.ts): its replies wait, one probe per
 * interval goes out, and the first answer closes it and brings its backlog forward. A reply
 * given up (refused for good, or its deadline passed) hands its thread to a person, with the reason.
 */
export function createOutboxSender(opts: OutboxSenderOptions): OutboxSender {
  const { store, channels, log } = opts;
  const now = opts.now ?? Date.now;
  const paused = new Map<string, number>();
  /** Channels whose last send failed on the network or with a 5xx, with when a send was last tried there. */
  const failing = new Map<string, number>();
  const probeEveryMs = opts.probeEveryMs ?? 30_000;
  /** When each channel's backed-off replies were last asked to come forward. */
  const pullAskedAt = new Map<string, number>();
  const firstProbeMs = Math.min(opts.firstProbeMs ?? 5000, probeEveryMs);
  const breakers = createChannelBreakers({ openAfterFailures: opts.breakerFailures ?? 5, firstProbeMs });
  for (const name of channels.keys()) opts.metrics?.setBreakerOpen(name, false);
  /** Channels whose breaker closed in this step: their backlog is brought forward after the marks. */
  const closed = new Set<string>();
  const policy: RetryPolicy = {
    baseMs: opts.retryBaseMs,
    maxDelayMs: opts.maxRetryDelayMs ?? 5 * 60_000,
    horizonMs: opts.retryHorizonMs ?? 6 * 3_600_000,
    ...(opts.maxAttempts !== undefined ? { maxAttempts: opts.maxAttempts } : {}),
  };
  const { metrics, onFailed, onRetry } = opts;
  const settleFailure = createSettleFailure({ store, log, policy, now, paused, metrics, onFailed, onRetry });

  /** A reply over its channel's daily allowance: it waits for the units (a probe refused so ends as failed). */
  async function waitForQuota(reply: OutgoingReply, retryAt: number): Promise<undefined> {
    const message = `${reply.channel} daily quota used up until ${new Date(retryAt).toISOString()}`;
    if (breakers.isProbing(reply.channel)) breakers.failed(reply.channel, message, now());
    await settleFailure(reply, new ChannelSendError(message, 'rate_limited', retryAt), 'quota');
    return undefined;
  }

  /** The platform answered on `channel` (sent, refused or rate limited): its breaker closes. */
  function platformAnswered(channel: string) {
    const openedAt = breakers.answered(channel);
    if (openedAt === undefined) return;
    closed.add(channel);
    void store.endProbeTurns(channel).catch((err: unknown) => log.warn({ err, channel }, 'could not end the probe turns'));
    opts.metrics?.setBreakerOpen(channel, false);
    log.info({ channel, openSeconds: Math.round((now() - openedAt) / 1000) }, 'channel answers again: circuit closed');
  }

  /** Sends one reply; resolves with its platform id, or undefined once the failure is recorded. */
  async function sendOne(reply: OutgoingReply): Promise<{ id: number; platformId: string } | undefined> {
    const channel = channels.get(reply.channel);
    try {
      if (!channel) throw new ChannelSendError(`channel ${reply.channel} is not enabled`, 'transient');
      const { platformId } = await sendOnce(channel, reply, log);
      failing.delete(reply.channel);
      platformAnswered(reply.channel);
      opts.metrics?.replySent(reply, now());
      return { id: reply.id, platformId };
    } catch (err) {
      const e = err instanceof ChannelSendError ? err : new ChannelSendError((err as Error).message ?? String(err), 'transient');
      if (channel) opts.metrics?.platformError(reply.channel, e);
      if (e.kind === 'transient') {
        failing.set(reply.channel, now());
        if (channel && breakers.failed(reply.channel, e.message, now())) {
          opts.metrics?.setBreakerOpen(reply.channel, true);
          log.warn(
            { channel: reply.channel, err: e.message, probeEverySeconds: probeEveryMs / 1000 },
            'channel failing: circuit open, its replies wait and one probe goes out per interval',
          );
        }
      } else {
        failing.delete(reply.channel);
        platformAnswered(reply.channel);
      }
      await settleFailure(reply, e, 'tried');
      return undefined;
    }
  }

  /** A reply of a channel whose circuit is open: not sent, its try recorded as failed with the channel's last error. */
  async function holdBack(reply: OutgoingReply): Promise<undefined> {
    await settleFailure(reply, new ChannelSendError(breakers.lastError(reply.channel) || 'circuit open', 'transient'), 'held');
    return undefined;
  }

  const loop = createDrainLoop(
    async () => {
      const t = now();
      // Pauses live in the store: a rate limit met by any instance holds the channel for all.
      const shared = await store.pausedChannels(t);
      paused.clear();
      for (const [name, until] of Object.entries(shared)) paused.set(name, until);
      // An open channel due a probe: one of its backed-off replies made due, so that a claim finds one.
      for (const channel of breakers.nudgesDue(t)) {
        if (!paused.has(channel) && channels.has(channel)) await store.probeRetry(channel, t);
      }
      for (const [channel, triedAt] of failing) {
        if (t - triedAt < probeEveryMs || paused.has(channel) || !channels.has(channel) || breakers.isOpen(channel)) continue;
        failing.set(channel, t);
        if (!(await store.probeRetry(channel, t))) failing.delete(channel);
      }
      const batch = await store.claimDueReplies(opts.batchSize ?? 32, t, opts.leaseMs ?? 60_000, [...paused.keys()]);
      // An open channel sends only its probe: the first of its claimed replies, when the store gives
      // this instance the channel's probe turn; its other replies are held back without a call.
      const send = batch.map((r) => !breakers.isOpen(r.channel));
      for (const channel of new Set(batch.filter((r) => breakers.isOpen(r.channel)).map((r) => r.channel))) {
        if (breakers.isProbing(channel)) continue;
        const turn = await store.takeProbeTurn(channel, t, firstProbeMs, probeEveryMs);
        breakers.nextTurnAt(channel, turn.nextAt);
        if (!turn.granted) continue;
        breakers.startProbe(channel);
        send[batch.findIndex((r) => r.channel === channel)] = true;
      }
      // Sent replies are marked in one write; a crash before it re-sends them under the same
      // idempotency keys, which the platform (or the channel's own check) refuses as duplicates.
      // Replies over their channel's daily allowance wait for it (bot/outbox/quota-governor.ts).
      const over = opts.quota
        ? await opts.quota.admit(
            batch.filter((_, i) => send[i]),
            t,
          )
        : NONE_OVER;
      const sent = await Promise.all(
        batch.map((r, i) => (over.has(r.id) ? waitForQuota(r, over.get(r.id)!) : send[i] ? sendOne(r) : holdBack(r))),
      );
      if (over.size > 0) log.warn({ replies: over.size }, 'daily quota used up: replies wait in the outbox for it');
      await store.markRepliesSent(
        sent.filter((s) => s !== undefined),
        now(),
      );
      if (sent.some((s) => s !== undefined)) opts.onSent?.(batch.filter((_, i) => sent[i] !== undefined));
      // A channel whose circuit just closed: its backlog (held back and backed off) is due now.
      for (const channel of closed) {
        closed.delete(channel);
        const due = await store.pullForwardRetries(channel, now(), 0);
        if (due > 0) log.info({ channel, replies: due }, 'channel answers again: replies waiting on a backoff are due now');
      }
      // A channel that answered again: its backlog goes out now, paced by its rate-limit window,
      // instead of each reply at its own next attempt (up to the largest backoff later).
      // Asked at most once a second per channel: a busy channel's steady successes cost no extra store calls.
      for (const channel of new Set(batch.filter((_, i) => sent[i] !== undefined).map((r) => r.channel))) {
        const at = now();
        if (at - (pullAskedAt.get(channel) ?? -Infinity) < 1000) continue;
        pullAskedAt.set(channel, at);
        const due = await store.pullForwardRetries(channel, at, opts.pullForwardEveryMs ?? 30_000);
        if (due > 0) log.info({ channel, replies: due }, 'channel answers again: replies waiting on a backoff are due now');
      }
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
