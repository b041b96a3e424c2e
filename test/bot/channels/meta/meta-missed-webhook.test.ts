import { createHmac } from 'node:crypto';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createMetaChannel } from '../../../../bot/channels/meta/meta-channel.js';
import { loadChannelSettings } from '../../../../config/channel-settings.js';
import { fixture } from '../../../fixtures/load-fixture.js';
import { platformService, storedMentions } from '../../../helpers/platform-service.js';
import { waitFor } from '../../../helpers/start-service.js';

const SECRET = 'meta-app-secret-for-tests';
const GRAPH = 'https://graph.facebook.test';
const PAGE_ID = '104000000000001';
const IG_USER = '17841400000000001';
const POST = '104000000000001_990000000000001';
const MEDIA = '17900000000000001';
const env = {
  META_APP_SECRET: SECRET,
  META_VERIFY_TOKEN: 'verify-me',
  META_PAGE_ACCESS_TOKEN: 'page-token',
  META_GRAPH_URL: GRAPH,
  META_PAGE_ID: PAGE_ID,
  META_IG_USER_ID: IG_USER,
  META_RECONCILE_MINUTES: '60',
};
const sign = (body: string) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
const graphTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, '+0000');

/** Ann's comment as the webhook brings it, made now. */
function annDelivery(now: number) {
  const delivery = fixture('meta', 'page-feed-comment');
  delivery.entry[0].changes[0].value.created_time = Math.floor(now / 1000);
  return JSON.stringify(delivery);
}

/** The comments as the Graph API lists them: Ann's (delivered), Eve's and Bob's (never delivered), the Page's own. */
function listed(now: number) {
  const at = graphTime(now);
  return {
    page: [
      {
        id: '990000000000001_880000000000003',
        message: 'was I charged twice?',
        created_time: at,
        from: { id: '7100000000000045', name: 'Eve Example' },
      },
      {
        id: '990000000000001_880000000000002',
        message: 'Thanks for your patience!',
        created_time: at,
        from: { id: PAGE_ID, name: 'ACME' },
      },
      {
        id: '990000000000001_880000000000001',
        message: 'my parcel is two weeks late',
        created_time: at,
        from: { id: '7100000000000042', name: 'Ann Example' },
      },
    ],
    instagram: [
      {
        id: '17950000000000009',
        text: 'my parcel is two weeks late',
        timestamp: at,
        username: 'bob.example',
        from: { id: '17841400000000042' },
      },
    ],
  };
}

describe('Meta webhooks: missed deliveries recovered by the reconciliation read', () => {
  const startWith = platformService(env, (s) => createMetaChannel(s.meta!));

  it('takes in the comments whose webhook never arrived, and answers the delivered one once', async () => {
    let comments: ReturnType<typeof listed> = { page: [], instagram: [] };
    let lastReads = 0;
    nock(GRAPH)
      .get(`/v23.0/${PAGE_ID}/posts`)
      .query(true)
      .times(10)
      .reply(200, { data: [{ id: POST, permalink_url: 'https://www.facebook.com/acme/posts/pfbid0abc' }] });
    nock(GRAPH)
      .get(`/v23.0/${IG_USER}/media`)
      .query(true)
      .times(10)
      .reply(200, { data: [{ id: MEDIA, permalink: 'https://www.instagram.com/p/Abc123/' }] });
    nock(GRAPH)
      .get(`/v23.0/${POST}/comments`)
      .query((q) => q.filter === 'stream')
      .times(10)
      .reply(() => [200, { data: comments.page }]);
    nock(GRAPH)
      .get(`/v23.0/${MEDIA}/comments`)
      .query(true)
      .times(10)
      .reply(() => {
        lastReads++;
        return [200, { data: comments.instagram }];
      });
    const replies: string[] = [];
    nock(GRAPH)
      .post(/^\/v23\.0\/[^/]+\/(comments|replies)$/)
      .times(10)
      .reply((uri) => {
        replies.push(uri.split('/')[2]!);
        return [200, { id: `990000000000001_77000000000${1000 + replies.length}` }];
      });

    const { service, channel } = await startWith();
    // The first read, at start, finds nothing and keeps no cursor (the Instagram media is read last).
    await waitFor(() => (lastReads ? true : undefined), 5000, 'the first reconciliation read');
    await new Promise((r) => setTimeout(r, 100));
    const now = Date.now();
    const body = annDelivery(now);
    const res = await fetch(`${service.url}/webhooks/meta`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) },
      body,
    });
    expect(res.status).toBe(200);
    // Eve's Facebook comment and Bob's Instagram comment were made too, but Meta never delivered them.
    comments = listed(now);
    expect(await channel.pollOnce()).toBe(2);
    await waitFor(async () => ((await service.store.stats()).outbox.sent === 3 ? true : undefined), 8000, 'all three answered');
    // Read again: nothing new, nothing answered twice.
    expect(await channel.pollOnce()).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(replies.sort()).toEqual(['17950000000000009', '990000000000001_880000000000001', '990000000000001_880000000000003']);
    const stored = await storedMentions(service);
    expect(stored.map((m) => [m.platformId, m.author])).toEqual([
      ['990000000000001_880000000000001', 'Ann Example'],
      expect.anything(),
      expect.anything(),
    ]);
    expect(
      stored
        .slice(1)
        .map((m) => [m.platformId, m.author, m.threadId])
        .sort(),
    ).toEqual([
      ['17950000000000009', '@bob.example', '17950000000000009'],
      ['990000000000001_880000000000003', 'Eve Example', '990000000000001_880000000000003'],
    ]);
  });

  it('is off by default, and needs the Page or Instagram id to read', () => {
    const base = { META_APP_SECRET: 's', META_VERIFY_TOKEN: 'v', META_PAGE_ACCESS_TOKEN: 't' };
    expect(loadChannelSettings(base).meta?.META_RECONCILE_MINUTES).toBe(0);
    expect(() => loadChannelSettings({ ...base, META_RECONCILE_MINUTES: '15' })).toThrow(
      /META_PAGE_ID: required with META_RECONCILE_MINUTES/,
    );
    expect(() => loadChannelSettings({ ...base, META_RECONCILE_MINUTES: '1441', META_PAGE_ID: '1' })).toThrow(/META_RECONCILE_MINUTES/);
  });
});
