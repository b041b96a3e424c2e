import { ChannelSendError } from '../channel.js';
import type { XTimelinePage } from './x-events.js';
import { xResetAt, xSendError } from './x-rate-limit.js';

export interface XApiOptions {
  baseUrl: string;
  /** User-context token of the brand account: posts replies. */
  accessToken: string;
  /** Token for reading the timeline (app-only bearer or the same user token). */
  readToken: string;
  timeoutMs?: number;
}

/** The few X API v2 calls the channel makes, with X's rate-limit headers honoured. */
export function createXApi(opts: XApiOptions) {
  const timeout = opts.timeoutMs ?? 15_000;
  /** Per endpoint (X counts each separately): set when X said no calls are left until the reset. */
  const blockedUntil = new Map<string, number>();

  async function call(url: string, init: RequestInit, token: string, what: string): Promise<Response> {
    const until = blockedUntil.get(what) ?? 0;
    if (Date.now() < until) throw new ChannelSendError(`X ${what}: no calls left until the rate-limit reset`, 'rate_limited', until);
    let res: Response;
    try {
      res = await fetch(url, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(timeout) });
    } catch (err) {
      throw new ChannelSendError(`X ${what}: ${(err as Error).message}`, 'transient');
    }
    if (res.ok && res.headers.get('x-rate-limit-remaining') === '0') blockedUntil.set(what, xResetAt(res.headers));
    if (!res.ok) throw await xSendError(res, what);
    return res;
  }

  return {
    /** POST /2/tweets as a reply; returns the new tweet's id. */
    async reply(text: string, inReplyToTweetId: string): Promise<string> {
      const res = await call(
        `${opts.baseUrl}/2/tweets`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text, reply: { in_reply_to_tweet_id: inReplyToTweetId } }) },
        opts.accessToken,
        'reply',
      );
      const body = (await res.json()) as { data?: { id?: string } };
      if (!body.data?.id) throw new ChannelSendError('X reply: response without data.id', 'transient');
      return body.data.id;
    },

    /** One page of GET /2/users/:id/mentions, newest first. */
    async mentions(userId: string, sinceId: string | undefined, paginationToken: string | undefined): Promise<XTimelinePage> {
      const q = new URLSearchParams({
        max_results: '100',
        'tweet.fields': 'author_id,conversation_id,created_at,referenced_tweets',
        expansions: 'author_id',
        'user.fields': 'username',
      });
      if (sinceId) q.set('since_id', sinceId);
      if (paginationToken) q.set('pagination_token', paginationToken);
      const res = await call(`${opts.baseUrl}/2/users/${encodeURIComponent(userId)}/mentions?${q}`, { method: 'GET' }, opts.readToken, 'mentions');
      return (await res.json()) as XTimelinePage;
    },
  };
}

export type XApi = ReturnType<typeof createXApi>;
