import { z } from 'zod';
import { localParts, localToInstant } from '../../config/time-zone.js';
import { stripInvisible } from '../../shared/strip-invisible.js';
import { ChannelSendError } from './channel.js';
import type { HttpResponse } from './http-call.js';

const googleError = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string().max(2000).optional(),
    errors: z
      .array(z.object({ reason: z.string().max(100).optional() }).loose())
      .max(20)
      .optional(),
    status: z.string().max(100).optional(),
  }),
});

/** Google's daily quotas end at midnight Pacific time. */
export function nextPacificMidnight(now = Date.now()): number {
  return localToInstant('America/Los_Angeles', localParts('America/Los_Angeles', now).day + 1, 0);
}

/** When a rate-limited call may be made again: Retry-After (seconds) when given, else a minute. */
function retryAfter(headers: Headers, now: number): number {
  const seconds = Number(headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? now + seconds * 1000 : now + 60_000;
}

/**
 * A failed Google API answer as a send error: the daily quota spent waits for Pacific midnight, a
 * rate limit for Retry-After, 5xx and 401 (the token is fetched again) are tried again, and the rest
 * (comments disabled, the comment or review deleted, no permission) is permanent.
 */
export async function googleSendError(res: HttpResponse, what: string, now = Date.now()): Promise<ChannelSendError> {
  const body = googleError.safeParse(await res.json().catch(() => undefined));
  const reasons = body.success ? (body.data.error.errors ?? []).map((e) => e.reason ?? '') : [];
  const detail = body.success ? [body.data.error.status, ...reasons, body.data.error.message].filter(Boolean).join(' ') : '';
  const message = `${what}: HTTP ${res.status} ${stripInvisible(detail).slice(0, 300)}`.trim();
  if (reasons.some((r) => r === 'quotaExceeded' || r === 'dailyLimitExceeded'))
    return new ChannelSendError(message, 'rate_limited', nextPacificMidnight(now));
  const exhausted = body.success && body.data.error.status === 'RESOURCE_EXHAUSTED';
  if (res.status === 429 || exhausted || reasons.some((r) => r === 'rateLimitExceeded' || r === 'userRateLimitExceeded'))
    return new ChannelSendError(message, 'rate_limited', retryAfter(res.headers, now));
  if (res.status >= 500 || res.status === 408 || res.status === 401) return new ChannelSendError(message, 'transient');
  return new ChannelSendError(message, 'permanent');
}
