import { ChannelSendError } from '../channel.js';
import type { HttpResponse } from '../http-call.js';

/** When X lets us call again: `x-rate-limit-reset` is Unix seconds. */
export function xResetAt(headers: Headers, now = Date.now()): number {
  const reset = Number(headers.get('x-rate-limit-reset'));
  return Number.isFinite(reset) && reset > 0 ? reset * 1000 : now + 15 * 60_000;
}

/** Turns a failed X API response into the outbox's retry decision. */
export async function xSendError(res: HttpResponse, what: string): Promise<ChannelSendError> {
  const detail = await res.text().catch(() => '');
  const message = `X ${what}: HTTP ${res.status} ${detail.slice(0, 300)}`;
  if (res.status === 429) return new ChannelSendError(message, 'rate_limited', xResetAt(res.headers));
  if (res.status >= 500 || res.status === 408) return new ChannelSendError(message, 'transient');
  // Deleted or protected tweet, blocked by the author, duplicate text, bad token: retrying will not help.
  return new ChannelSendError(message, 'permanent');
}
