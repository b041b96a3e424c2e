import Keyv from 'keyv';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { ChannelContext } from '../../../../bot/channels/channel.js';
import { createLinkedInChannel } from '../../../../bot/channels/linkedin/linkedin-channel.js';
import { loadChannelSettings } from '../../../../config/channel-settings.js';
import { fixture } from '../../../fixtures/load-fixture.js';
import { platformService, storedMentions } from '../../../helpers/platform-service.js';
import { waitFor } from '../../../helpers/start-service.js';

const API = 'https://api.linkedin.test';
const ORG = 'urn:li:organization:5515715';
const POST = 'urn:li:share:7270000000000000001';
const ACTIVITY = 'urn:li:activity:7270000000000000002';
const COMMENT = `urn:li:comment:(${ACTIVITY},7270000000000000301)`;
const env = {
  LINKEDIN_ACCESS_TOKEN: 'linkedin-token',
  LINKEDIN_ORGANIZATION_ID: '5515715',
  LINKEDIN_API_URL: API,
  LINKEDIN_POLL_INTERVAL_SECONDS: '3600',
};
const commentsPath = (urn: string) => `/rest/socialActions/${encodeURIComponent(urn)}/comments`;

/** Serves the organization's post and `list()` as its comments, every poll. */
function serveComments(list: () => unknown[]) {
  nock(API).get('/rest/posts').query(true).times(20).reply(200, fixture('linkedin', 'posts-by-author'));
  nock(API)
    .get(commentsPath(POST))
    .query(true)
    .times(20)
    .reply(() => [200, { paging: { start: 0, count: 50, total: list().length }, elements: list() }]);
}

/**
 * The replies under the comment as LinkedIn keeps them. `cut` says, per reply post, whether the
 * connection is cut after LinkedIn accepted it ('after'), before ('before'), or not at all.
 */
function thread(cut: ('after' | 'before' | 'none')[]) {
  const replies: Record<string, unknown>[] = [];
  const posts: string[] = [];
  let reads = 0;
  const accept = (text: string) => {
    const urn = `urn:li:comment:(${ACTIVITY},${7270000000000000900n + BigInt(replies.length + 1)})`;
    replies.push({
      actor: ORG,
      commentUrn: urn,
      object: ACTIVITY,
      parentComment: COMMENT,
      created: { time: Date.now() },
      message: { text },
    });
    return urn;
  };
  for (const how of cut) {
    nock(API)
      .post(commentsPath(COMMENT))
      .reply(function (_uri, body) {
        const text = (body as { message: { text: string } }).message.text;
        posts.push(text);
        if (how === 'none') {
          const urn = accept(text);
          return [201, replies.at(-1)!, { 'x-restli-id': urn }];
        }
        if (how === 'after') accept(text);
        this.req.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
        return [201, {}];
      });
  }
  nock(API)
    .get(commentsPath(COMMENT))
    .query(true)
    .times(20)
    .reply(() => {
      reads++;
      return [200, { paging: { start: 0, count: 100, total: replies.length }, elements: replies }];
    });
  return { replies, posts, reads: () => reads };
}

const annComment = () => ({ ...fixture('linkedin', 'comments-on-post').elements[0], created: { time: Date.now() } });

describe('LinkedIn: polling, and unknown outcomes reconciled (no idempotency key)', () => {
  const startWith = platformService(env, (s) => createLinkedInChannel(s.linkedin!));

  it('the connection cut after LinkedIn accepted the reply: the retry finds it under the comment and posts nothing', async () => {
    const stand = thread(['after']);
    serveComments(() => [annComment()]);
    const { service } = await startWith();
    await waitFor(async () => ((await service.store.stats()).outbox.sent === 1 ? true : undefined), 8000, 'the reply counted as sent');
    await new Promise((r) => setTimeout(r, 300));
    expect(stand.posts).toHaveLength(1);
    expect(stand.replies).toHaveLength(1);
    expect(stand.reads()).toBeGreaterThanOrEqual(1);
  });

  it('the connection cut before LinkedIn accepted it: the retry reads the replies and posts it once', async () => {
    const stand = thread(['before', 'none']);
    serveComments(() => [annComment()]);
    const { service } = await startWith();
    await waitFor(async () => ((await service.store.stats()).outbox.sent === 1 ? true : undefined), 8000, 'the reply sent');
    expect(stand.posts).toHaveLength(2);
    expect(stand.replies).toHaveLength(1);
    expect(stand.reads()).toBeGreaterThanOrEqual(1);
  });

  it("takes in members' comments once, skips the organization's own and nested ones, refuses a malformed one, and keeps its cursor", async () => {
    thread(['none', 'none', 'none']);
    const [ann, own] = fixture('linkedin', 'comments-on-post').elements;
    own.created.time = Date.now();
    const nested = { ...annComment(), commentUrn: `urn:li:comment:(${ACTIVITY},7270000000000000302)`, parentComment: COMMENT };
    const noUrn = { ...annComment(), commentUrn: 'not a urn' };
    const bob = {
      ...annComment(),
      actor: 'urn:li:person:B0b',
      commentUrn: `urn:li:comment:(${ACTIVITY},7270000000000000304)`,
      message: { text: 'is the app down?\u0007' },
    };
    const first = [bob, noUrn, nested, own, { ...ann, created: { time: Date.now() } }];
    let list = first;
    serveComments(() => list);
    const { service, channel } = await startWith();
    await waitFor(async () => ((await storedMentions(service)).length === 2 ? true : undefined), 5000, 'both stored');
    expect(await channel.pollOnce()).toBe(0);
    // The kept cursor is the newest comment's time: one listed late with an older time is not taken in, a newer one is.
    const older = {
      ...annComment(),
      commentUrn: `urn:li:comment:(${ACTIVITY},7270000000000000305)`,
      created: { time: Date.now() - 600_000 },
    };
    const newer = { ...annComment(), commentUrn: `urn:li:comment:(${ACTIVITY},7270000000000000306)`, created: { time: Date.now() + 5000 } };
    list = [older, ...first, newer];
    expect(await channel.pollOnce()).toBe(1);
    const stored = await storedMentions(service);
    expect(stored.map((m) => [m.platformId, m.author])).toEqual([
      [COMMENT, 'urn:li:person:A1b2C3d4E5'],
      [bob.commentUrn, 'urn:li:person:B0b'],
      [newer.commentUrn, 'urn:li:person:A1b2C3d4E5'],
    ]);
    expect(stored[1]!.text).toBe('is the app down?');
  });

  it('names what it cannot do at start-up, and refuses to start without the organization id', async () => {
    const lines: string[] = [];
    const log = { info: (m: unknown) => lines.push(String(m)), warn: () => {}, error: () => {}, debug: () => {} };
    nock(API).get(/.*/).query(true).times(5).reply(200, { elements: [] });
    const channel = createLinkedInChannel(loadChannelSettings(env).linkedin!);
    const ctx = { accept: async () => ({ duplicate: false }), state: new Keyv(), log } as unknown as ChannelContext;
    await channel.start!(ctx);
    await channel.stop!();
    expect(lines.join('\n')).toMatch(/partner access.*not replies within a thread.*without names/);
    expect(() => loadChannelSettings({ LINKEDIN_ACCESS_TOKEN: 't' })).toThrow(/LINKEDIN_ORGANIZATION_ID: required/);
    expect(() => loadChannelSettings({ ...env, LINKEDIN_VERSION: '2025-10' })).toThrow(/LINKEDIN_VERSION/);
  });
});
