import { createHmac } from 'node:crypto';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createMetaChannel } from '../../../../bot/channels/meta/meta-channel.js';
import { fixture, rawFixture } from '../../../fixtures/load-fixture.js';
import { platformService } from '../../../helpers/platform-service.js';
import { waitFor, type RunningService } from '../../../helpers/start-service.js';

const SECRET = 'meta-app-secret-for-tests';
const GRAPH = 'https://graph.facebook.test';
const PAGE_ID = '104000000000001';
const IG_USER = '17841400000000001';
const env = {
  META_APP_SECRET: SECRET,
  META_VERIFY_TOKEN: 'verify-me',
  META_PAGE_ACCESS_TOKEN: 'page-token',
  META_GRAPH_URL: GRAPH,
  META_PAGE_ID: PAGE_ID,
  META_IG_USER_ID: IG_USER,
};

const sign = (body: string) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;

async function deliver(service: RunningService, body: string) {
  const res = await fetch(`${service.url}/webhooks/meta`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) },
    body,
  });
  expect(res.status).toBe(200);
}

/** A top-level Instagram comment (replies go under it). */
function instagramBody() {
  const delivery = fixture('meta', 'instagram-comment');
  const value = delivery.entry[0].changes[0].value;
  delete value.parent_id;
  value.text = 'my parcel is two weeks late';
  return JSON.stringify(delivery);
}

const SURFACES = {
  facebook: { body: () => rawFixture('meta', 'page-feed-comment'), comment: '990000000000001_880000000000001', edge: 'comments' },
  instagram: { body: instagramBody, comment: '17950000000000001', edge: 'replies' },
} as const;

/**
 * A Graph API stand-in holding the replies under one comment. `cut` says, per POST, whether the
 * connection is cut after the post was accepted ('after'), before it was ('before'), or not at all.
 */
function graph(surface: keyof typeof SURFACES, cut: ('after' | 'before' | 'none')[]) {
  const { comment, edge } = SURFACES[surface];
  const thread: Record<string, unknown>[] = [];
  const posts: string[] = [];
  let reads = 0;
  const accept = (message: string) => {
    const id = `${comment.split('_')[0]}_77000000000${String(thread.length + 1).padStart(4, '0')}`;
    const at = new Date().toISOString().replace('Z', '+0000');
    // As each surface lists it: Facebook `message`/`created_time`, Instagram `text`/`timestamp`.
    thread.unshift(
      surface === 'facebook'
        ? { id, message, created_time: at, from: { id: PAGE_ID, name: 'ACME' } }
        : { id, text: message, timestamp: at, from: { id: IG_USER, username: 'acme' } },
    );
    return id;
  };
  for (const how of cut) {
    nock(GRAPH)
      .post(`/v23.0/${comment}/${edge}`)
      .reply(function (_uri, body) {
        // The whole request has arrived: the platform has it.
        const message = (body as { message: string }).message;
        posts.push(message);
        if (how === 'none') return [200, { id: accept(message) }];
        if (how === 'after') accept(message);
        // The connection is cut before any answer reaches the service.
        this.req.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
        return [200, {}];
      });
  }
  nock(GRAPH)
    .get(`/v23.0/${comment}/${edge}`)
    .query(true)
    .times(20)
    .reply(() => {
      reads++;
      return [200, { data: thread, paging: { cursors: { before: 'b', after: 'a' } } }];
    });
  return { thread, posts, reads: () => reads };
}

describe('Meta: unknown outcomes reconciled (no idempotency key)', () => {
  const startWith = platformService(env, (s) => createMetaChannel(s.meta!));

  for (const surface of ['facebook', 'instagram'] as const) {
    it(`${surface}: the connection cut after Meta accepted the reply, the retry finds it in the thread and posts nothing`, async () => {
      const stand = graph(surface, ['after']);
      const { service } = await startWith();
      await deliver(service, SURFACES[surface].body());
      await waitFor(async () => ((await service.store.stats()).outbox.sent === 1 ? true : undefined), 8000, 'the reply counted as sent');
      await new Promise((r) => setTimeout(r, 300));
      expect(stand.posts).toHaveLength(1);
      expect(stand.thread).toHaveLength(1);
      expect(stand.reads()).toBeGreaterThanOrEqual(1);
    });

    it(`${surface}: the connection cut before Meta accepted it, the retry reads the thread and posts it once`, async () => {
      const stand = graph(surface, ['before', 'none']);
      const { service } = await startWith();
      await deliver(service, SURFACES[surface].body());
      await waitFor(async () => ((await service.store.stats()).outbox.sent === 1 ? true : undefined), 8000, 'the reply sent');
      expect(stand.posts).toHaveLength(2);
      expect(stand.thread).toHaveLength(1);
      expect(stand.reads()).toBeGreaterThanOrEqual(1);
    });
  }

  it('an earlier reply with the same words, before this one was queued, is not taken for it', async () => {
    const stand = graph('facebook', ['before', 'none']);
    const text = 'Hi Ann Example, sorry your parcel is late.';
    stand.thread.push({ id: '990000000000001_1', message: text, created_time: '2026-01-01T00:00:00+0000', from: { id: PAGE_ID } });
    const { service } = await startWith();
    await deliver(service, SURFACES.facebook.body());
    await waitFor(async () => ((await service.store.stats()).outbox.sent === 1 ? true : undefined), 8000, 'the reply sent');
    expect(stand.posts).toHaveLength(2);
  });
});
