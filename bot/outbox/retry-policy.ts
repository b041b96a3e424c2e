import type { ChannelSendError } from '../channels/channel.js';
import type { OutgoingReply } from '../../store/mention.js';
import { stripInvisible } from '../../shared/strip-invisible.js';
import { retryDelay } from '../../shared/retry-delay.js';

export interface RetryPolicy {
  /** First backoff delay; each attempt doubles it (jittered) up to `maxDelayMs`. */
  baseMs: number;
  maxDelayMs: number;
  /** A reply not sent this long after it was queued is given up: its deadline. */
  horizonMs: number;
  /** Set: also given up after this many attempts (OUTBOX_MAX_ATTEMPTS, kept for old configurations). */
  maxAttempts?: number;
}

/** After a failed send: try again at `at`, hold the channel until a rate-limit reset, or give up (why). */
export type NextStep = { kind: 'retry'; at: number } | { kind: 'pause'; until: number } | { kind: 'give_up'; reason: string };

const REASON_MAX = 500;

/** "45 s", "12 min", "6 h", "1 h 30 min". */
export function describeWait(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return minutes % 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes / 60} h`;
}

/** Why a reply was given up, as people read it: platform text cleaned of control characters and cut. */
export function failureReason(what: string): string {
  const text = `reply could not be sent: ${stripInvisible(what).replace(/\s+/g, ' ').trim()}`;
  return text.length > REASON_MAX ? `${text.slice(0, REASON_MAX - 1)}…` : text;
}

/**
 * What follows a failed send. A permanent refusal (deleted post, forbidden) ends at once. Network
 * errors and 5xx are tried again with backoff, a rate limit waits for its reset; neither goes past the
 * reply's deadline (queued at + horizon): the last attempt is made at the deadline, and a failure
 * then, or a reset announced after it, gives the reply up.
 */
export function nextStep(
  reply: Pick<OutgoingReply, 'channel' | 'attempts' | 'queuedAt'>,
  err: ChannelSendError,
  now: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): NextStep {
  const queuedAt = reply.queuedAt ?? now;
  const deadline = queuedAt + policy.horizonMs;
  if (err.kind === 'permanent') return { kind: 'give_up', reason: failureReason(`${reply.channel} refused it: ${err.message}`) };
  if (err.kind === 'rate_limited') {
    const until = Math.max(err.retryAt ?? 0, now + 1000);
    if (until <= deadline) return { kind: 'pause', until };
    return {
      kind: 'give_up',
      reason: failureReason(
        `${reply.channel} is rate limited until ${new Date(until).toISOString()}, after the reply's deadline (${describeWait(policy.horizonMs)} after it was queued)`,
      ),
    };
  }
  if (policy.maxAttempts !== undefined && reply.attempts >= policy.maxAttempts) {
    return {
      kind: 'give_up',
      reason: failureReason(`${reply.channel} failed ${reply.attempts} attempts (OUTBOX_MAX_ATTEMPTS): ${err.message}`),
    };
  }
  if (now >= deadline)
    return {
      kind: 'give_up',
      reason: failureReason(
        `${reply.channel} unreachable for ${describeWait(policy.horizonMs)} (OUTBOX_RETRY_HORIZON_MINUTES; last error: ${err.message})`,
      ),
    };
  return { kind: 'retry', at: Math.min(deadline, now + retryDelay(reply.attempts, policy.baseMs, random, policy.maxDelayMs)) };
}
