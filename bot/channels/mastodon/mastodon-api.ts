import { ChannelSendError } from '../channel.js';
import { httpCall, type HttpResponse, type PlatformRequest } from '../http-call.js';
import { createRateLimitWindow, headerCount } from '../rate-limit-window.js';

export interface MastodonApiOptions {
  baseUrl: string;
  token: string;
  timeoutMs?: number;
}

/** When Mastodon lets us call again: `X-RateLimit-Reset` is an ISO 8601 time. */
export function mastodonResetAt(headers: Headers, now = Date.now()): number {
  const reset = Date.parse(headers.get('x-ratelimit-reset') ?? '');
  return Number.isFinite(reset) ? reset : now + 5 * 60_000;
}

async function sendError(res: HttpResponse, what: string): Promise<ChannelSendError> {
  const detail = await res.text().catch(() => '');
  const message = `Mastodon ${what}: HTTP ${res.status} ${detail.slice(0, 300)}`;
  if (res.status === 429) return new ChannelSendError(message, 'rate_limited', mastodonResetAt(res.headers));
  if (res.status >= 500 || res.status === 408) return new ChannelSendError(message, 'transient');
  // 404 status deleted, 422 refused (blocked, deleted parent), 401/403 token: retrying will not help.
  return new ChannelSendError(message, 'permanent');
}

/** The Mastodon REST calls the channel makes. */
export function createMastodonApi(opts: MastodonApiOptions) {
  const timeout = opts.timeoutMs ?? 15_000;
  // Mastodon's limit is per account across endpoints: one window for every call.
  const quota = createRateLimitWindow({
    label: 'Mastodon',
    read(headers) {
      const remaining = headerCount(headers, 'x-ratelimit-remaining');
      return remaining === undefined ? undefined : { remaining, resetAt: mastodonResetAt(headers) };
    },
  });

  async function call(path: string, init: PlatformRequest, what: string): Promise<HttpResponse> {
    await quota.acquire();
    let res: HttpResponse;
    try {
      res = await httpCall(`${opts.baseUrl}${path}`, {
        ...init,
        headers: { ...init.headers, authorization: `Bearer ${opts.token}` },
        timeoutMs: timeout,
      });
    } catch (err) {
      quota.release(undefined);
      throw new ChannelSendError(`Mastodon ${what}: ${(err as Error).message}`, 'transient');
    }
    quota.release(res.headers);
    if (!res.ok) throw await sendError(res, what);
    return res;
  }

  return {
    /** The instance's own status length limit (500 when it does not say). */
    async maxCharacters(): Promise<number> {
      const res = await call('/api/v2/instance', { method: 'GET' }, 'instance');
      const body = (await res.json()) as { configuration?: { statuses?: { max_characters?: number } } };
      const max = body.configuration?.statuses?.max_characters;
      return typeof max === 'number' && max > 0 ? max : 500;
    },

    /** Mention notifications newer than `sinceId`, newest first (`maxId` pages further back). */
    async mentions(sinceId: string | undefined, maxId: string | undefined, limit: number): Promise<unknown> {
      const q = new URLSearchParams({ 'types[]': 'mention', limit: String(limit) });
      if (sinceId) q.set('since_id', sinceId);
      if (maxId) q.set('max_id', maxId);
      const res = await call(`/api/v1/notifications?${q}`, { method: 'GET' }, 'notifications');
      return (await res.json()) as unknown;
    },

    /** Posts a reply; the server refuses a second status with the same Idempotency-Key for an hour. */
    async reply(input: { status: string; inReplyToId: string; visibility: string; idempotencyKey: string }): Promise<string> {
      const res = await call(
        '/api/v1/statuses',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': input.idempotencyKey },
          body: JSON.stringify({ status: input.status, in_reply_to_id: input.inReplyToId, visibility: input.visibility }),
        },
        'reply',
      );
      const body = (await res.json()) as { id?: string };
      if (!body.id) throw new ChannelSendError('Mastodon reply: response without id', 'transient');
      return body.id;
    },
  };
}

export type MastodonApi = ReturnType<typeof createMastodonApi>;
