import type { YouTubeSettings } from '../../../config/google-channel-settings.js';
import { ChannelSendError } from '../channel.js';
import { googleSendError } from '../google-errors.js';
import { createGoogleToken, refreshTokenGrant } from '../google-token.js';
import { httpCall, type HttpResponse, type PlatformRequest } from '../http-call.js';

/** The YouTube Data API calls the channel makes, with the brand owner's refreshed OAuth token. */
export function createYouTubeApi(settings: YouTubeSettings, timeoutMs = 15_000) {
  const token = createGoogleToken(
    settings.YOUTUBE_TOKEN_URL,
    refreshTokenGrant(settings.YOUTUBE_CLIENT_ID, settings.YOUTUBE_CLIENT_SECRET, settings.YOUTUBE_REFRESH_TOKEN),
    'YouTube',
  );
  const base = `${settings.YOUTUBE_API_URL}/youtube/v3`;

  async function call(path: string, init: PlatformRequest, what: string): Promise<unknown> {
    const bearer = await token.get();
    let res: HttpResponse;
    try {
      res = await httpCall(`${base}${path}`, { ...init, headers: { ...init.headers, authorization: `Bearer ${bearer}` }, timeoutMs });
    } catch (err) {
      throw new ChannelSendError(`YouTube ${what}: ${(err as Error).message}`, 'transient');
    }
    if (res.status === 401) token.forget();
    if (!res.ok) throw await googleSendError(res, `YouTube ${what}`);
    return res.json().catch(() => {
      throw new ChannelSendError(`YouTube ${what}: the answer is not JSON`, 'transient');
    });
  }

  return {
    /** One page of the channel's comment threads, newest first (1 unit). */
    threads(pageToken: string | undefined): Promise<unknown> {
      const q = new URLSearchParams({
        part: 'snippet,replies',
        allThreadsRelatedToChannelId: settings.YOUTUBE_CHANNEL_ID,
        order: 'time',
        maxResults: '100',
        textFormat: 'plainText',
      });
      if (pageToken) q.set('pageToken', pageToken);
      return call(`/commentThreads?${q}`, { method: 'GET' }, 'commentThreads.list');
    },
    /** The replies under a top-level comment (1 unit a page). */
    replies(parentId: string, pageToken: string | undefined): Promise<unknown> {
      const q = new URLSearchParams({ part: 'snippet', parentId, maxResults: '100', textFormat: 'plainText' });
      if (pageToken) q.set('pageToken', pageToken);
      return call(`/comments?${q}`, { method: 'GET' }, 'comments.list');
    },
    /** Replies under a top-level comment (50 units); resolves with the new comment's id. */
    async insert(parentId: string, text: string): Promise<string> {
      const body = (await call(
        '/comments?part=snippet',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ snippet: { parentId, textOriginal: text } }),
        },
        'comments.insert',
      )) as { id?: unknown };
      if (typeof body?.id !== 'string' || !body.id)
        throw new ChannelSendError('YouTube comments.insert: the answer has no id', 'transient');
      return body.id;
    },
  };
}

export type YouTubeApi = ReturnType<typeof createYouTubeApi>;
