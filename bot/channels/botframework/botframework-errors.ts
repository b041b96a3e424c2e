import { ChannelSendError } from '../channel.js';

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  message: string;
  response?: { headers?: { get(name: string): string | undefined } };
}

/** Retry-After is seconds or an HTTP date. */
function retryAfterMs(value: string | undefined, now = Date.now()): number {
  if (!value) return now + 60_000;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return now + seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? date : now + 60_000;
}

export function toSendError(err: unknown): ChannelSendError {
  const e = err as RestErrorLike;
  const status = e.statusCode;
  const message = `Bot Framework reply: ${status ? `HTTP ${status} ` : ''}${e.message ?? String(err)}`;
  if (status === 429) return new ChannelSendError(message, 'rate_limited', retryAfterMs(e.response?.headers?.get('retry-after')));
  if (status === undefined || status >= 500 || status === 408) return new ChannelSendError(message, 'transient');
  // 403 bot removed from the conversation, 404 conversation gone, 401 bad credentials.
  return new ChannelSendError(message, 'permanent');
}

// Failures that happen before a byte of the request reaches the connector.
const NOT_CONNECTED = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|CERT_|UNABLE_TO_VERIFY|DEPTH_ZERO)/;

/**
 * Whether a failed send certainly did not post: the request never went out (no token, no
 * connection) or the connector answered 429 (it refused it). Anything else after the request was
 * written (a timeout, a reset, a 5xx: Teams is known to answer 502 for a message it did deliver)
 * leaves the outcome unknown.
 */
export function certainlyNotPosted(err: unknown, written: boolean): boolean {
  if (!written) return true;
  const e = err as RestErrorLike;
  if (e.statusCode === 429) return true;
  return e.statusCode === undefined && NOT_CONNECTED.test(`${e.code ?? ''} ${e.message ?? ''}`);
}
