import nock from 'nock';
import { fixture } from '../../../fixtures/load-fixture.js';

export const API = 'https://youtube.googleapis.test';
export const TOKEN = 'https://oauth2.googleapis.test';
export const BRAND = 'UCacmeBrandChannel000001';
export const ANN_COMMENT = 'UgzAnnParcelLate0AaABAg';

export const youtubeEnv = {
  YOUTUBE_CLIENT_ID: '1234-test.apps.googleusercontent.com',
  YOUTUBE_CLIENT_SECRET: 'client-secret-for-tests',
  YOUTUBE_REFRESH_TOKEN: '1//refresh-token-for-tests',
  YOUTUBE_CHANNEL_ID: BRAND,
  YOUTUBE_API_URL: API,
  YOUTUBE_TOKEN_URL: `${TOKEN}/token`,
  YOUTUBE_POLL_INTERVAL_SECONDS: '3600',
  YOUTUBE_MAX_LENGTH: '1000',
};

/** The channel's threads as commentThreads.list gives them, made recent (the first poll skips what is older than an hour). */
export function recentThreads() {
  const page = fixture('youtube', 'comment-threads');
  const now = Date.now();
  for (const [i, t] of page.items.entries()) {
    const at = new Date(now - i * 1000).toISOString();
    t.snippet.topLevelComment.snippet.publishedAt = at;
  }
  return page;
}

/** The token endpoint: a refresh-token grant answered with an access token (and what it was sent, to check). */
export function tokenEndpoint() {
  const grants: Record<string, string>[] = [];
  nock(TOKEN)
    .post('/token')
    .times(20)
    .reply((_uri, body) => {
      grants.push(Object.fromEntries(new URLSearchParams(String(body))));
      return [200, fixture('youtube', 'token')];
    });
  return grants;
}

/** commentThreads.list: Ann's thread once `serving()` says so, else an empty page. */
export function threadsEndpoint(serving: () => boolean) {
  let reads = 0;
  nock(API)
    .get('/youtube/v3/commentThreads')
    .query((q) => q.allThreadsRelatedToChannelId === BRAND && q.order === 'time' && q.part === 'snippet,replies')
    .times(50)
    .reply(() => {
      reads++;
      return [200, serving() ? recentThreads() : { kind: 'youtube#commentThreadListResponse', items: [] }];
    });
  return { reads: () => reads };
}

/** A reply comment as comments.insert answers it (and comments.list lists it). */
export function replyComment(n: number, parentId: string, text: string) {
  const c = fixture('youtube', 'comment-inserted');
  c.id = `${parentId}.9zReply${String(n).padStart(6, '0')}`;
  c.snippet.parentId = parentId;
  c.snippet.textOriginal = c.snippet.textDisplay = text;
  c.snippet.publishedAt = c.snippet.updatedAt = new Date().toISOString();
  return c;
}
