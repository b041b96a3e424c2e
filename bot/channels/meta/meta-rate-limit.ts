import { ChannelSendError } from '../channel.js';
import type { HttpResponse } from '../http-call.js';

/** Graph API error codes that mean "throttled": app, user, Page and per-object limits. */
const THROTTLE_CODES = new Set([4, 17, 32, 613]);
const isThrottle = (code: number) => THROTTLE_CODES.has(code) || (code >= 80001 && code <= 80014);
/** Without an estimate from Meta, wait this long (app limits clear over a rolling hour). */
const DEFAULT_WAIT_MS = 5 * 60_000;

interface GraphError {
  error?: { message?: string; code?: number; error_subcode?: number; is_transient?: boolean };
}

/**
 * Minutes until access is regained, from `X-Business-Use-Case-Usage` (per business, per type), or
 * undefined. Meta gives only minutes: 0 means "now".
 */
export function metaRegainMinutes(headers: Headers): number | undefined {
  const raw = headers.get('x-business-use-case-usage');
  if (!raw) return undefined;
  try {
    const usage = JSON.parse(raw) as Record<string, { estimated_time_to_regain_access?: number }[]>;
    const minutes = Object.values(usage)
      .flat()
      .map((u) => Number(u.estimated_time_to_regain_access ?? 0));
    return minutes.length ? Math.max(...minutes) : undefined;
  } catch {
    return undefined;
  }
}

/** The highest usage percentage Meta reports in `X-App-Usage` / `X-Business-Use-Case-Usage`. */
export function metaUsagePercent(headers: Headers): number {
  const values: number[] = [];
  for (const name of ['x-app-usage', 'x-business-use-case-usage']) {
    const raw = headers.get(name);
    if (!raw) continue;
    try {
      const parsed = JSON.parse(raw) as unknown;
      const collect = (o: unknown) => {
        if (Array.isArray(o)) o.forEach(collect);
        else if (o && typeof o === 'object') {
          for (const [k, v] of Object.entries(o)) {
            if (['call_count', 'total_time', 'total_cputime'].includes(k) && typeof v === 'number') values.push(v);
            else collect(v);
          }
        }
      };
      collect(parsed);
    } catch {
      // A malformed usage header is no reason to fail a reply.
    }
  }
  return values.length ? Math.max(...values) : 0;
}

/** When to try again after being throttled: Meta's estimate (at least 1 s), else a safe default. */
export function metaRetryAt(headers: Headers, now = Date.now()): number {
  const minutes = metaRegainMinutes(headers);
  return now + (minutes === undefined ? DEFAULT_WAIT_MS : Math.max(1000, minutes * 60_000));
}

/** Turns a failed Graph API response into the outbox's retry decision. */
export async function metaSendError(res: HttpResponse, what: string): Promise<ChannelSendError> {
  const text = await res.text().catch(() => '');
  let body: GraphError = {};
  try {
    body = JSON.parse(text) as GraphError;
  } catch {
    // not JSON
  }
  const code = body.error?.code ?? 0;
  const message = `Meta ${what}: HTTP ${res.status} code ${code} ${body.error?.message ?? text.slice(0, 200)}`;
  if (res.status === 429 || isThrottle(code)) return new ChannelSendError(message, 'rate_limited', metaRetryAt(res.headers));
  if (res.status >= 500 || body.error?.is_transient || code === 1 || code === 2) return new ChannelSendError(message, 'transient');
  // Deleted comment (100/33), no permission (10, 200), expired token (190), blocked (368)...
  return new ChannelSendError(message, 'permanent');
}
