import { retryDelay } from '../../shared/retry-delay.js';
import { slackPayload } from './slack-payload.js';
import { teamMessage, type TeamEvent } from './team-events.js';
import { teamsPayload } from './teams-payload.js';

export type { TeamEvent };

/**
 * Posts team notifications to a Slack or Teams incoming webhook. A notification is help, not part of
 * answering the customer: it never throws to the caller, retries 5xx, 429 and network errors with
 * backoff (waiting out Retry-After), and gives up with a log line. The webhook URL is a secret (whoever
 * holds it can post to the channel): it never reaches the log, not even inside an error message.
 */

export interface NotifyLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface TeamNotifierOptions {
  url: string;
  format: 'slack' | 'teams';
  log: NotifyLog;
  /** Link target for thread events; `{threadKey}` in it is replaced by the thread's key. */
  consoleUrl?: string;
  fetch?: typeof fetch;
  /** Attempts in all (default 4), first backoff (default 1 s, doubling), per-attempt timeout (default 10 s). */
  maxAttempts?: number;
  retryBaseMs?: number;
  timeoutMs?: number;
  /** A Retry-After longer than this (default 60 s) is not waited for: the notification is dropped. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface TeamNotifier {
  notify(event: TeamEvent): Promise<void>;
}

/** Retry-After in seconds or as an HTTP date, in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** Removes every spelling of the webhook URL (whole, without scheme, its path) from a text. */
export function scrubUrl(text: string, url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    /* not a URL: scrub the raw string only */
  }
  const secrets = [
    url,
    parsed && `${parsed.host}${parsed.pathname}${parsed.search}`,
    parsed && parsed.pathname.length > 1 && `${parsed.pathname}${parsed.search}`,
  ];
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('[webhook]');
  return out;
}

export function createTeamNotifier(opts: TeamNotifierOptions): TeamNotifier {
  const doFetch = opts.fetch ?? fetch;
  const maxAttempts = opts.maxAttempts ?? 4;
  const baseMs = opts.retryBaseMs ?? 1000;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const maxRetryAfter = opts.maxRetryAfterMs ?? 60_000;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const render = opts.format === 'teams' ? teamsPayload : slackPayload;

  /** One POST: done, retry after some time, or give up. */
  async function attempt(body: string, n: number): Promise<{ done: true } | { done: false; retryInMs?: number; why: string }> {
    try {
      const res = await doFetch(opts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const detail = (await res.text().catch(() => '')).slice(0, 200);
      if (res.ok) return { done: true };
      const why = `HTTP ${res.status} ${detail}`.trim();
      if (res.status === 429 || res.status >= 500 || res.status === 408) {
        return { done: false, why, retryInMs: retryAfterMs(res.headers.get('retry-after')) ?? retryDelay(n, baseMs) };
      }
      return { done: false, why }; // 400 bad payload, 403/404 webhook removed: retrying will not help
    } catch (err) {
      return {
        done: false,
        why: (err as Error).message + ((err as Error).cause ? `: ${String((err as Error).cause)}` : ''),
        retryInMs: retryDelay(n, baseMs),
      };
    }
  }

  return {
    async notify(event) {
      try {
        const body = JSON.stringify(render(teamMessage(event, opts.consoleUrl)));
        for (let n = 1; n <= maxAttempts; n++) {
          const result = await attempt(body, n);
          if (result.done) {
            opts.log.info({ event: event.type, attempts: n }, 'team notification sent');
            return;
          }
          const why = scrubUrl(result.why, opts.url);
          const last = n === maxAttempts || result.retryInMs === undefined || result.retryInMs > maxRetryAfter;
          opts.log.warn(
            { event: event.type, attempt: n, reason: why, retryInMs: last ? undefined : result.retryInMs },
            last ? 'team notification dropped' : 'team notification failed, will retry',
          );
          if (last) return;
          await sleep(result.retryInMs!);
        }
      } catch (err) {
        opts.log.warn(
          { event: event.type, reason: scrubUrl(String((err as Error)?.message ?? err), opts.url) },
          'team notification dropped',
        );
      }
    },
  };
}
