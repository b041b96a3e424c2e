import { ChannelSendError } from '../channel.js';
import { httpCall, type HttpResponse, type PlatformRequest } from '../http-call.js';
import type { XTimelinePage } from './x-events.js';
import { oauth1Header, type OAuth1Credentials } from './sign-oauth1.js';
import { xSendError } from './x-rate-limit.js';
import { createXQuota } from './x-quota.js';

export interface XApiOptions {
  baseUrl: string;
  /** User-context OAuth 2.0 token of the brand account (when `oauth1` is not given): posts replies. */
  accessToken: string;
  /** OAuth 1.0a user credentials: when given, user-context calls are signed with them. */
  oauth1?: OAuth1Credentials;
  /** App-only bearer token for reading the timeline; without it, reads use the user credentials. */
  appToken?: string;
  timeoutMs?: number;
}

/** The few X API v2 calls the channel makes, with X's rate-limit headers honoured. */
export function createXApi(opts: XApiOptions) {
  const timeout = opts.timeoutMs ?? 15_000;
  /** Per endpoint (X counts each separately): what its rate-limit window has left. */
  const quotas = new Map<string, ReturnType<typeof createXQuota>>();
  const quotaOf = (what: string) => quotas.get(what) ?? quotas.set(what, createXQuota(what)).get(what)!;

  /** The Authorization header: app-only reads with the bearer token, everything else as the brand. */
  const authorization = (method: string, url: string, appOnly: boolean) => {
    if (appOnly && opts.appToken) return `Bearer ${opts.appToken}`;
    return opts.oauth1 ? oauth1Header(method, url, opts.oauth1) : `Bearer ${opts.accessToken}`;
  };

  async function call(url: string, init: PlatformRequest, appOnly: boolean, what: string): Promise<HttpResponse> {
    const quota = quotaOf(what);
    await quota.acquire();
    let res: HttpResponse;
    try {
      res = await httpCall(url, {
        ...init,
        headers: { ...init.headers, authorization: authorization(init.method, url, appOnly) },
        timeoutMs: timeout,
      });
    } catch (err) {
      quota.release(undefined);
      throw new ChannelSendError(`X ${what}: ${(err as Error).message}`, 'transient');
    }
    quota.release(res.headers);
    if (!res.ok) throw await xSendError(res, what);
    return res;
  }

  return {
    /** POST /2/tweets as a reply; returns the new tweet's id. */
    async reply(text: string, inReplyToTweetId: string): Promise<string> {
      const res = await call(
        `${opts.baseUrl}/2/tweets`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text, reply: { in_reply_to_tweet_id: inReplyToTweetId } }),
        },
        false,
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
      const res = await call(`${opts.baseUrl}/2/users/${encodeURIComponent(userId)}/mentions?${q}`, { method: 'GET' }, true, 'mentions');
      return (await res.json()) as XTimelinePage;
    },
  };
}

export type XApi = ReturnType<typeof createXApi>;
