import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createYouTubeChannel } from '../../../../bot/channels/youtube/youtube-channel.js';
import { fixture } from '../../../fixtures/load-fixture.js';
import { platformService, storedMentions } from '../../../helpers/platform-service.js';
import { waitFor, type RunningService } from '../../../helpers/start-service.js';
import { ANN_COMMENT, API, replyComment, threadsEndpoint, tokenEndpoint, youtubeEnv } from './youtube-stand-in.js';

/**
 * comments.insert and comments.list under Ann's comment. `cut` says, per insert, whether the
 * connection is cut after YouTube accepted the reply ('after'), before ('before'), or not at all.
 */
function comments(cut: ('after' | 'before' | 'none' | 'quota')[]) {
  const thread: Record<string, unknown>[] = [];
  const posts: string[] = [];
  let reads = 0;
  for (const how of cut) {
    nock(API)
      .post('/youtube/v3/comments')
      .query({ part: 'snippet' })
      .reply(function (_uri, body) {
        const text = (body as { snippet: { textOriginal: string } }).snippet.textOriginal;
        posts.push(text);
        if (how === 'quota') return [403, fixture('youtube', 'quota-exceeded')];
        const c = replyComment(thread.length + 1, ANN_COMMENT, text);
        if (how === 'none') return (thread.push(c), [200, c]);
        if (how === 'after') thread.push(c);
        this.req.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
        return [200, {}];
      });
  }
  nock(API)
    .get('/youtube/v3/comments')
    .query((q) => q.parentId === ANN_COMMENT && q.part === 'snippet')
    .times(20)
    .reply(() => (reads++, [200, { kind: 'youtube#commentListResponse', items: thread }]));
  return { thread, posts, reads: () => reads };
}

const sent = (s: RunningService, n: number) =>
  waitFor(async () => ((await s.store.stats()).outbox.sent === n ? true : undefined), 8000, `${n} sent`);

describe('YouTube channel', () => {
  const start = platformService(youtubeEnv, (s) => createYouTubeChannel(s.youtube!));

  it('the connection cut after YouTube took the reply: the retry finds it under the comment and posts nothing', async () => {
    const grants = tokenEndpoint();
    threadsEndpoint(() => true);
    const stand = comments(['after']);
    const { service, channel } = await start();
    await channel.pollOnce();
    await sent(service, 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(stand.posts).toHaveLength(1);
    expect(stand.thread).toHaveLength(1);
    expect(stand.reads()).toBeGreaterThanOrEqual(1);
    expect(grants[0]).toMatchObject({
      grant_type: 'refresh_token',
      client_id: youtubeEnv.YOUTUBE_CLIENT_ID,
      refresh_token: youtubeEnv.YOUTUBE_REFRESH_TOKEN,
    });
  });

  it('the connection cut before YouTube took it: the retry reads the replies and posts it once', async () => {
    tokenEndpoint();
    threadsEndpoint(() => true);
    const stand = comments(['before', 'none']);
    const { service, channel } = await start();
    await channel.pollOnce();
    await sent(service, 1);
    expect(stand.posts).toHaveLength(2);
    expect(stand.thread).toHaveLength(1);
  });

  it("skips the brand's own comments and counts every page and reply against the daily quota, shown in /readyz", async () => {
    tokenEndpoint();
    const threads = threadsEndpoint(() => true);
    comments(['none']);
    const { service, channel } = await start({ YOUTUBE_DAILY_QUOTA: '1000' });
    await channel.pollOnce();
    await sent(service, 1);
    const mentions = await storedMentions(service);
    expect(mentions.map((m) => m.platformId)).toEqual([ANN_COMMENT]);
    expect(mentions[0]!.permalink).toBe(`https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=${ANN_COMMENT}`);
    const ready = (await (await fetch(`${service.url}/readyz`)).json()) as { quota: Record<string, { spent: number; left: number }> };
    // A unit per page read (the poll at start and this one) and 50 for the reply.
    const pages = threads.reads();
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(ready.quota.youtube).toMatchObject({ spent: pages + 50, left: 1000 - pages - 50 });
  });

  it('a reply over the quota YouTube announces waits for Pacific midnight in the outbox, not failed', async () => {
    tokenEndpoint();
    threadsEndpoint(() => true);
    const stand = comments(['quota', 'none']);
    const { service, channel } = await start({ OUTBOX_RETRY_HORIZON_MINUTES: '2000' });
    await channel.pollOnce();
    await waitFor(() => (stand.posts.length === 1 ? true : undefined), 8000, 'the first insert');
    await new Promise((r) => setTimeout(r, 500));
    expect(stand.posts).toHaveLength(1);
    expect((await service.store.stats()).outbox).toEqual({ pending: 1 });
    // The channel waits for the reset YouTube's quota has: the next midnight in Los Angeles.
    const until = (await service.store.pausedChannels(Date.now())).youtube!;
    expect(until).toBeGreaterThan(Date.now() + 60_000);
    expect(new Date(until).toLocaleTimeString('en-US', { timeZone: 'America/Los_Angeles', hour12: false })).toBe('24:00:00');
  });
});
