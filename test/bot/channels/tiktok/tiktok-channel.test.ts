import Keyv from 'keyv';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { ChannelContext } from '../../../../bot/channels/channel.js';
import { createTikTokChannel } from '../../../../bot/channels/tiktok/tiktok-channel.js';
import { loadChannelSettings } from '../../../../config/channel-settings.js';
import { fixture } from '../../../fixtures/load-fixture.js';
import { platformService, storedMentions } from '../../../helpers/platform-service.js';
import { waitFor } from '../../../helpers/start-service.js';

const API = 'https://business-api.tiktok.test';
const BUSINESS_ID = 'biz-open-id-0001';
const VIDEO = '7440000000000000001';
const COMMENT = '7440000000000000201';
const env = {
  TIKTOK_ACCESS_TOKEN: 'tiktok-token',
  TIKTOK_BUSINESS_ID: BUSINESS_ID,
  TIKTOK_API_URL: API,
  TIKTOK_POLL_INTERVAL_SECONDS: '3600',
};
const now = () => String(Math.floor(Date.now() / 1000));
const ok = (data: unknown) => ({ code: 0, message: 'OK', request_id: '1', data });

/** Serves the video list and `list()` as the video's comments, every poll; records the cursors asked for. */
function serveComments(list: () => unknown[]) {
  const asked: string[] = [];
  nock(API).get('/open_api/v1.3/business/video/list/').query(true).times(20).reply(200, fixture('tiktok', 'video-list'));
  nock(API)
    .get('/open_api/v1.3/business/comment/list/')
    .query(true)
    .times(20)
    .reply((uri) => {
      asked.push(new URL(uri, API).searchParams.get('cursor') ?? '');
      return [200, ok({ comments: list(), cursor: 0, has_more: false })];
    });
  return asked;
}

/**
 * The replies under the comment as TikTok keeps them. `cut` says, per reply post, whether the
 * connection is cut after TikTok accepted it ('after'), before ('before'), or not at all.
 */
function thread(cut: ('after' | 'before' | 'none')[]) {
  const replies: Record<string, unknown>[] = [];
  const posts: string[] = [];
  let reads = 0;
  const accept = (text: string) => {
    const id = String(7440000000000000900n + BigInt(replies.length + 1));
    replies.unshift({
      comment_id: id,
      video_id: VIDEO,
      parent_comment_id: COMMENT,
      create_time: now(),
      text,
      owner: true,
      username: 'acme',
    });
    return id;
  };
  for (const how of cut) {
    nock(API)
      .post('/open_api/v1.3/business/comment/reply/create/')
      .reply(function (_uri, body) {
        const text = (body as { text: string }).text;
        posts.push(text);
        if (how === 'none') return [200, ok({ comment_id: accept(text), video_id: VIDEO })];
        if (how === 'after') accept(text);
        this.req.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
        return [200, {}];
      });
  }
  nock(API)
    .get('/open_api/v1.3/business/comment/reply/list/')
    .query((q) => q.comment_id === COMMENT && q.video_id === VIDEO && q.business_id === BUSINESS_ID)
    .times(20)
    .reply(() => {
      reads++;
      return [200, ok({ comments: replies, cursor: 0, has_more: false })];
    });
  return { replies, posts, reads: () => reads };
}

const annComment = () => ({ ...fixture('tiktok', 'comment-list').data.comments[0], create_time: now() });

describe('TikTok: polling, and unknown outcomes reconciled (no idempotency key)', () => {
  const startWith = platformService(env, (s) => createTikTokChannel(s.tiktok!));

  it('the connection cut after TikTok accepted the reply: the retry finds it under the comment and posts nothing', async () => {
    const stand = thread(['after']);
    serveComments(() => [annComment()]);
    const { service } = await startWith();
    await waitFor(async () => ((await service.store.stats()).outbox.sent === 1 ? true : undefined), 8000, 'the reply counted as sent');
    await new Promise((r) => setTimeout(r, 300));
    expect(stand.posts).toHaveLength(1);
    expect(stand.replies).toHaveLength(1);
    expect(stand.reads()).toBeGreaterThanOrEqual(1);
  });

  it('the connection cut before TikTok accepted it: the retry reads the replies and posts it once', async () => {
    const stand = thread(['before', 'none']);
    serveComments(() => [annComment()]);
    const { service } = await startWith();
    await waitFor(async () => ((await service.store.stats()).outbox.sent === 1 ? true : undefined), 8000, 'the reply sent');
    expect(stand.posts).toHaveLength(2);
    expect(stand.replies).toHaveLength(1);
    expect(stand.reads()).toBeGreaterThanOrEqual(1);
  });

  it("takes in customers' comments once, skips the account's own and refuses a malformed one, and keeps its cursor", async () => {
    thread(['none', 'none', 'none']);
    const own = { ...fixture('tiktok', 'comment-list').data.comments[1], create_time: now() };
    const numericId = { ...annComment(), comment_id: 7440000000000000203 };
    const bob = { ...annComment(), comment_id: '7440000000000000204', username: 'bob_example', text: 'is the app down?\u0007' };
    const first = [bob, numericId, own, annComment()];
    let list = first;
    serveComments(() => list);
    const { service, channel } = await startWith();
    await waitFor(async () => ((await storedMentions(service)).length === 2 ? true : undefined), 5000, 'both stored');
    expect(await channel.pollOnce()).toBe(0);
    // The kept cursor is the newest comment's time: a comment listed late with an older time is not
    // taken in (it was before the last poll), a newer one is.
    const older = { ...annComment(), comment_id: '7440000000000000205', create_time: String(Number(now()) - 600) };
    const newer = { ...annComment(), comment_id: '7440000000000000206', create_time: String(Number(now()) + 5) };
    list = [newer, ...first, older];
    expect(await channel.pollOnce()).toBe(1);
    const stored = await storedMentions(service);
    expect(stored.map((m) => [m.platformId, m.author])).toEqual([
      [COMMENT, '@ann.example'],
      ['7440000000000000204', '@bob_example'],
      ['7440000000000000206', '@ann.example'],
    ]);
    expect(stored[1]!.text).toBe('is the app down?');
    expect(stored[0]!.permalink).toBe(`https://www.tiktok.com/@acme/video/${VIDEO}`);
    expect((await service.store.getThread('tiktok', COMMENT))?.threadId).toBe(COMMENT);
  });

  it('names what it cannot do at start-up, and refuses to start without the business id', async () => {
    const lines: string[] = [];
    const log = { info: (m: unknown) => lines.push(String(m)), warn: () => {}, error: () => {}, debug: () => {} };
    nock(API)
      .get(/.*/)
      .query(true)
      .times(5)
      .reply(200, ok({ videos: [] }));
    const channel = createTikTokChannel(loadChannelSettings(env).tiktok!);
    const ctx = { accept: async () => ({ duplicate: false }), state: new Keyv(), log } as unknown as ChannelContext;
    await channel.start!(ctx);
    await channel.stop!();
    expect(lines.join('\n')).toMatch(/comment\.update webhook is not used.*not replies within a thread.*needs TikTok's approval/);
    expect(() => loadChannelSettings({ TIKTOK_ACCESS_TOKEN: 't' })).toThrow(/TIKTOK_BUSINESS_ID: required/);
    expect(() => loadChannelSettings({ ...env, TIKTOK_POLL_INTERVAL_SECONDS: '5' })).toThrow(/TIKTOK_POLL_INTERVAL_SECONDS/);
  });
});
