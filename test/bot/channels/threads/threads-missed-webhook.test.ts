import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createThreadsChannel } from '../../../../bot/channels/threads/threads-channel.js';
import { rawFixture } from '../../../fixtures/load-fixture.js';
import { platformService, storedMentions } from '../../../helpers/platform-service.js';
import { waitFor } from '../../../helpers/start-service.js';
import { deliverReplies, THREADS_API, THREADS_USER, threadsEnv, threadsStandIn } from './threads-stand-in.js';

const POST = '18040000000000001';

/** The brand post's conversation as `/{media-id}/conversation` lists it, newest first. */
function conversation() {
  const now = new Date().toISOString();
  const reply = (id: string, username: string, text: string, repliedTo: string) => ({
    id,
    username,
    text,
    timestamp: now,
    replied_to: { id: repliedTo },
    root_post: { id: POST, owner_id: THREADS_USER, username: 'acme' },
  });
  return {
    data: [
      reply('18050000000000102', 'eve.example', 'my refund never arrived, order 5520', POST),
      { ...reply('18060000000000009', 'acme', 'Hi @ann.example, we are on it', '18050000000000101'), is_reply_owned_by_me: true },
      reply('18050000000000101', 'ann.example', 'my parcel is two weeks late, order 4471', POST),
    ],
  };
}

describe('Threads webhook mode: missed deliveries recovered by the reconciliation poll', () => {
  const startWith = platformService({ ...threadsEnv, THREADS_RECONCILE_MINUTES: '60' }, (s) => createThreadsChannel(s.threads!));

  it('takes in a reply whose webhook never came, skips the brand own reply, and answers the delivered one once', async () => {
    let served = false;
    nock(THREADS_API)
      .get(`/v1.0/${THREADS_USER}/threads`)
      .query(true)
      .times(5)
      .reply(() => [200, { data: served ? [{ id: POST, timestamp: new Date().toISOString() }] : [] }]);
    nock(THREADS_API).get(`/v1.0/${POST}/conversation`).query(true).times(5).reply(200, conversation);
    nock(THREADS_API).get(`/v1.0/${THREADS_USER}/mentions`).query(true).times(5).reply(200, { data: [] });
    const { posts } = threadsStandIn(['ok']);
    const { service, channel } = await startWith();
    const body = rawFixture('threads', 'replies-webhook').replace('2026-12-06T10:33:16+0000', new Date().toISOString());
    expect(await deliverReplies(service.url, body)).toBe(200);
    served = true;
    expect(await channel.pollOnce()).toBe(1);
    // A second poll finds nothing new: the cursor moved, and what it reads again is a duplicate.
    expect(await channel.pollOnce()).toBe(0);
    const stored = await storedMentions(service);
    expect(stored.map((m) => [m.platformId, m.threadId, m.author]).sort()).toEqual([
      ['18050000000000101', '18050000000000101', '@ann.example'],
      ['18050000000000102', '18050000000000102', '@eve.example'],
    ]);
    await waitFor(async () => ((await service.store.stats()).outbox.sent === 2 ? true : undefined), 10_000, 'both answered');
    await new Promise((r) => setTimeout(r, 300));
    expect(posts.map((p) => p.inReplyTo).sort()).toEqual(['18050000000000101', '18050000000000102']);
  });
});

describe('Threads webhook: the subscription check', () => {
  const startWith = platformService(threadsEnv, (s) => createThreadsChannel(s.threads!));

  it('echoes the challenge for the right verify token only, and never a challenge that is not a short token', async () => {
    const { service } = await startWith();
    const check = (token: string, challenge: string) =>
      fetch(`${service.url}/webhooks/threads?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=${encodeURIComponent(challenge)}`);
    const ok = await check('verify-me', '1158201444');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await check('not-it', '1158201444')).status).toBe(403);
    expect((await check('verify-me', '<script>alert(1)</script>')).status).toBe(400);
  });
});
