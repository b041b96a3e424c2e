import { ChannelSendError } from '../channel.js';

interface XrpcErrorLike {
  status?: number;
  error?: string;
  message?: string;
  headers?: Record<string, string>;
}

/** When Bluesky lets us call again: `ratelimit-reset` is Unix seconds. */
export function blueskyResetAt(headers: Record<string, string> | undefined, now = Date.now()): number {
  const reset = Number(headers?.['ratelimit-reset']);
  return Number.isFinite(reset) && reset > 0 ? reset * 1000 : now + 5 * 60_000;
}

/** Turns an XRPC failure into the outbox's retry decision. */
export function blueskySendError(err: unknown, what: string): ChannelSendError {
  if (err instanceof ChannelSendError) return err;
  const e = err as XrpcErrorLike;
  const status = typeof e.status === 'number' ? e.status : 0;
  const message = `Bluesky ${what}: ${status ? `HTTP ${status} ` : ''}${e.error ?? ''} ${e.message ?? String(err)}`.trim();
  if (status === 429 || e.error === 'RateLimitExceeded') return new ChannelSendError(message, 'rate_limited', blueskyResetAt(e.headers));
  // 0: network failure or unknown; 1 is XRPC's "Unknown" response type.
  if (status === 0 || status === 1 || status >= 500 || status === 408) return new ChannelSendError(message, 'transient');
  // Post deleted, blocked by the author, invalid record, bad app password: retrying will not help.
  return new ChannelSendError(message, 'permanent');
}
