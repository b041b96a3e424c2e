import type { GooglePlaySettings } from '../../../config/google-channel-settings.js';
import { ChannelSendError } from '../channel.js';
import { googleSendError } from '../google-errors.js';
import { createGoogleToken, serviceAccountGrant } from '../google-token.js';
import { httpCall, type HttpResponse, type PlatformRequest } from '../http-call.js';

const SCOPE = 'https://www.googleapis.com/auth/androidpublisher';
const TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** The Google Play Developer API's review calls, with a service account's token (a signed JWT exchanged for it). */
export function createPlayApi(settings: GooglePlaySettings, timeoutMs = 15_000) {
  const key = settings.serviceAccount;
  const tokenUrl = key.token_uri ?? TOKEN_URL;
  const token = createGoogleToken(tokenUrl, serviceAccountGrant(key, SCOPE, tokenUrl), 'Google Play');
  const base = `${settings.GOOGLE_PLAY_API_URL}/androidpublisher/v3/applications`;

  async function call(path: string, init: PlatformRequest, what: string): Promise<unknown> {
    const bearer = await token.get();
    let res: HttpResponse;
    try {
      res = await httpCall(`${base}${path}`, { ...init, headers: { ...init.headers, authorization: `Bearer ${bearer}` }, timeoutMs });
    } catch (err) {
      throw new ChannelSendError(`Google Play ${what}: ${(err as Error).message}`, 'transient');
    }
    if (res.status === 401) token.forget();
    if (!res.ok) throw await googleSendError(res, `Google Play ${what}`);
    return res.json().catch(() => {
      throw new ChannelSendError(`Google Play ${what}: the answer is not JSON`, 'transient');
    });
  }
  const app = (pkg: string) => `/${encodeURIComponent(pkg)}/reviews`;

  return {
    /** A page of the app's reviews with text, the most recently created or changed first. */
    reviews(pkg: string, pageToken: string | undefined): Promise<unknown> {
      const q = new URLSearchParams({ maxResults: '100' });
      if (pageToken) q.set('token', pageToken);
      return call(`${app(pkg)}?${q}`, { method: 'GET' }, 'reviews.list');
    },
    review(pkg: string, reviewId: string): Promise<unknown> {
      return call(`${app(pkg)}/${encodeURIComponent(reviewId)}`, { method: 'GET' }, 'reviews.get');
    },
    /** The developer's reply to a review; a later one replaces it. */
    async reply(pkg: string, reviewId: string, text: string): Promise<unknown> {
      return call(
        `${app(pkg)}/${encodeURIComponent(reviewId)}:reply`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ replyText: text }) },
        'reviews.reply',
      );
    },
  };
}

export type PlayApi = ReturnType<typeof createPlayApi>;
