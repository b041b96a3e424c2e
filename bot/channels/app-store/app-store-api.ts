import { ChannelSendError } from '../channel.js';
import { httpCall, type HttpResponse } from '../http-call.js';
import { type AppStoreKey, createAppStoreToken } from './app-store-token.js';

export interface AppStoreApiOptions extends AppStoreKey {
  apiUrl: string;
  appId: string;
  timeoutMs?: number;
}

/** Without Apple's word on when, a refused (rate limited) call waits this long: its limits are per hour. */
const DEFAULT_WAIT_MS = 5 * 60_000;

/** An App Store Connect refusal (`{ errors: [{ status, code, title, detail }] }`) as the outbox's retry decision. */
async function appStoreError(res: HttpResponse, what: string): Promise<ChannelSendError> {
  const raw = await res.text().catch(() => '');
  let detail = raw.slice(0, 200);
  try {
    const e = (JSON.parse(raw) as { errors?: { code?: string; detail?: string }[] }).errors?.[0];
    if (e) detail = `${e.code ?? ''} ${e.detail ?? ''}`.slice(0, 300);
  } catch {
    // not JSON
  }
  const message = `App Store ${what}: HTTP ${res.status} ${detail}`.trim();
  if (res.status === 429) {
    const after = Number(res.headers.get('retry-after'));
    return new ChannelSendError(
      message,
      'rate_limited',
      Date.now() + (Number.isFinite(after) && after > 0 ? after * 1000 : DEFAULT_WAIT_MS),
    );
  }
  if (res.status >= 500 || res.status === 401) return new ChannelSendError(message, 'transient');
  return new ChannelSendError(message, 'permanent');
}

/** Customer reviews of one app and the developer's one response to each (App Store Connect API). */
export function createAppStoreApi(opts: AppStoreApiOptions) {
  const token = createAppStoreToken(opts);
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const origin = new URL(opts.apiUrl).origin;
  const reviewsPath = `/v1/apps/${opts.appId}/customerReviews`;

  async function call(what: string, method: 'GET' | 'POST', url: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { authorization: `Bearer ${token.get()}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: HttpResponse;
    try {
      res = await httpCall(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }), timeoutMs });
    } catch (err) {
      throw new ChannelSendError(`App Store ${what}: ${(err as Error).message}`, 'transient');
    }
    if (res.status === 401) token.invalidate();
    // No response yet on this review: nothing to find.
    if (what === 'read response' && res.status === 404) return { data: null };
    if (!res.ok) throw await appStoreError(res, what);
    try {
      return await res.json();
    } catch {
      throw new ChannelSendError(`App Store ${what}: the answer is not JSON`, 'transient');
    }
  }

  return {
    /**
     * A page of the app's reviews, newest first, with their responses. `next` is the link Apple gave
     * for the following page: followed only on Apple's host and this app's reviews (the token goes with it).
     */
    listReviews(next: string | undefined): Promise<unknown> {
      if (next) {
        const url = new URL(next);
        if (url.origin !== origin || url.pathname !== reviewsPath)
          throw new ChannelSendError('App Store reviews: a next link elsewhere', 'transient');
        return call('list reviews', 'GET', url.toString());
      }
      const q = new URLSearchParams({ sort: '-createdDate', limit: '50', include: 'response' });
      return call('list reviews', 'GET', `${opts.apiUrl}${reviewsPath}?${q}`);
    },
    readResponse: (reviewId: string) =>
      call('read response', 'GET', `${opts.apiUrl}/v1/customerReviews/${encodeURIComponent(reviewId)}/response`),
    /** Creates the review's response, or replaces it: a review has one response. */
    respond: (reviewId: string, text: string) =>
      call('respond', 'POST', `${opts.apiUrl}/v1/customerReviewResponses`, {
        data: {
          type: 'customerReviewResponses',
          attributes: { responseBody: text },
          relationships: { review: { data: { type: 'customerReviews', id: reviewId } } },
        },
      }),
  };
}

export type AppStoreApi = ReturnType<typeof createAppStoreApi>;
