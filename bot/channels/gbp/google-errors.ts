import { ChannelSendError } from '../channel.js';
import type { HttpResponse } from '../http-call.js';

/** Without a Retry-After, a quota refusal waits this long (Google's per-minute quotas). */
const DEFAULT_WAIT_MS = 60_000;

/** A Google API refusal as the outbox's retry decision (`{ error: { code, status, message } }`). */
export async function googleSendError(res: HttpResponse, what: string, now = Date.now()): Promise<ChannelSendError> {
  const raw = await res.text().catch(() => '');
  let status = '';
  let message = raw.slice(0, 200);
  try {
    const body = JSON.parse(raw) as { error?: { status?: string; message?: string } };
    status = body.error?.status ?? '';
    message = body.error?.message?.slice(0, 300) ?? message;
  } catch {
    // not JSON
  }
  const text = `${what}: HTTP ${res.status} ${status} ${message}`.trim();
  if (res.status === 429 || status === 'RESOURCE_EXHAUSTED') {
    const after = Number(res.headers.get('retry-after'));
    return new ChannelSendError(text, 'rate_limited', now + (Number.isFinite(after) && after > 0 ? after * 1000 : DEFAULT_WAIT_MS));
  }
  // An expired access token (refreshed on the next call) and server errors are worth another try.
  if (res.status >= 500 || res.status === 401) return new ChannelSendError(text, 'transient');
  // A deleted review, a location not verified, no permission...
  return new ChannelSendError(text, 'permanent');
}
