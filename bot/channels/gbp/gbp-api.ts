import { ChannelSendError } from '../channel.js';
import { httpCall, type HttpResponse } from '../http-call.js';
import { googleSendError } from '../google-errors.js';
import { createGoogleToken, refreshTokenGrant } from '../google-token.js';

export interface GbpApiOptions {
  apiUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  timeoutMs?: number;
}

/** A review's resource name: accounts/{a}/locations/{l}/reviews/{r}. */
export const REVIEW_NAME = /^accounts\/\d{1,30}\/locations\/\d{1,30}\/reviews\/[A-Za-z0-9_-]{1,256}$/;

/** Google Business Profile reviews (My Business API v4): list, get, and the one reply per review. */
export function createGbpApi(opts: GbpApiOptions) {
  const token = createGoogleToken(
    opts.tokenUrl,
    refreshTokenGrant(opts.clientId, opts.clientSecret, opts.refreshToken),
    'Google Business Profile',
  );
  const timeoutMs = opts.timeoutMs ?? 15_000;

  async function call(what: string, method: 'GET' | 'PUT', path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { authorization: `Bearer ${await token.get()}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: HttpResponse;
    try {
      res = await httpCall(`${opts.apiUrl}/v4/${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        timeoutMs,
      });
    } catch (err) {
      throw new ChannelSendError(`Google Business Profile ${what}: ${(err as Error).message}`, 'transient');
    }
    if (res.status === 401) token.forget();
    if (!res.ok) throw await googleSendError(res, `Google Business Profile ${what}`);
    try {
      return await res.json();
    } catch {
      throw new ChannelSendError(`Google Business Profile ${what}: the answer is not JSON`, 'transient');
    }
  }

  return {
    /** A location's reviews, the most recently updated first. */
    listReviews(account: string, location: string, pageToken: string | undefined): Promise<unknown> {
      const q = new URLSearchParams({ pageSize: '50', orderBy: 'updateTime desc', ...(pageToken ? { pageToken } : {}) });
      return call('list reviews', 'GET', `accounts/${account}/locations/${location}/reviews?${q}`);
    },
    getReview: (name: string) => call('get review', 'GET', name),
    /** Creates the review's reply, or replaces the one there: a review has one reply. */
    updateReply: (name: string, comment: string) => call('reply', 'PUT', `${name}/reply`, { comment }),
  };
}

export type GbpApi = ReturnType<typeof createGbpApi>;
