import { createHmac } from 'node:crypto';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { loadChannelSettings } from '../../../../config/channel-settings.js';
import { createXChannel } from '../../../../bot/channels/x/x-channel.js';
import { platformService, storedMentions } from '../../../helpers/platform-service.js';
import { waitFor } from '../../../helpers/start-service.js';
import { rawFixture } from '../../../fixtures/load-fixture.js';

const SECRET = 'x-consumer-secret-for-tests';
const API = 'https://api.x.test';
const BRAND_ID = '1600000000000000001';
const env = { X_CONSUMER_SECRET: SECRET, X_ACCESS_TOKEN: 'user-token', X_USER_ID: BRAND_ID, X_API_URL: API, X_RECONCILE_MINUTES: '60' };
const sign = (body: string) => `sha256=${createHmac('sha256', SECRET).update(body).digest('base64')}`;

/** The timeline as X API v2 lists it: the mention the webhook brought, and one whose delivery never came. */
function timeline() {
  const now = new Date().toISOString();
  return {
    data: [
      {
        id: '1860000000000000301',
        text: '@acme my parcel is two weeks late, any news?',
        author_id: '1500000000000000045',
        conversation_id: '1860000000000000301',
        created_at: now,
        edit_history_tweet_ids: ['1860000000000000301'],
      },
      {
        id: '1860000000000000101',
        text: '@acme my parcel is two weeks late',
        author_id: '1500000000000000042',
        conversation_id: '1860000000000000101',
        created_at: now,
        edit_history_tweet_ids: ['1860000000000000101'],
      },
    ],
    includes: {
      users: [
        { id: '1500000000000000045', name: 'Eve', username: 'eve_example' },
        { id: '1500000000000000042', name: 'Ann', username: 'ann_example' },
      ],
    },
    meta: { newest_id: '1860000000000000301', oldest_id: '1860000000000000101', result_count: 2 },
  };
}

describe('X webhook mode: missed deliveries recovered by the reconciliation read', () => {
  const startWith = platformService(env, (s) => createXChannel(s.x!));

  it('takes in a mention whose webhook never arrived, and answers the one it did bring once', async () => {
    let missedOne = false;
    const reads: Record<string, string>[] = [];
    nock(API)
      .get(`/2/users/${BRAND_ID}/mentions`)
      .query(true)
      .times(5)
      .reply((uri) => {
        reads.push(Object.fromEntries(new URL(uri, API).searchParams));
        return [200, missedOne ? timeline() : { meta: { result_count: 0 } }];
      });
    const replies: string[] = [];
    nock(API)
      .post('/2/tweets')
      .times(5)
      .reply((_uri, body) => {
        const to = (body as { reply: { in_reply_to_tweet_id: string } }).reply.in_reply_to_tweet_id;
        replies.push(to);
        return [201, { data: { id: String(1860000000000000900n + BigInt(replies.length)), text: 'ok' } }];
      });
    const { service, channel } = await startWith();
    // The first read, at start, finds nothing and keeps no cursor.
    await waitFor(() => (reads.length ? true : undefined), 5000, 'the first timeline read');
    const body = rawFixture('x', 'tweet-create-mention');
    const res = await fetch(`${service.url}/webhooks/x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': sign(body) },
      body,
    });
    expect(res.status).toBe(200);
    // Eve's mention was posted too, but X never delivered it: the next read finds it.
    missedOne = true;
    expect(await channel.pollOnce()).toBe(1);
    await waitFor(async () => ((await service.store.stats()).outbox.sent === 2 ? true : undefined), 8000, 'both answered');
    await new Promise((r) => setTimeout(r, 300));
    expect(replies.sort()).toEqual(['1860000000000000101', '1860000000000000301']);
    const stored = await storedMentions(service);
    expect(stored.map((m) => m.platformId).sort()).toEqual(['1860000000000000101', '1860000000000000301']);
    expect(stored.find((m) => m.platformId === '1860000000000000301')?.author).toBe('@eve_example');
    // The cursor is kept: the next read asks only for what is newer.
    await channel.pollOnce();
    expect(reads.at(-1)?.since_id).toBe('1860000000000000301');
  });

  it('is off by default and takes whole minutes up to a day', () => {
    const base = { X_CONSUMER_SECRET: 's', X_ACCESS_TOKEN: 't', X_USER_ID: '1' };
    expect(loadChannelSettings(base).x?.X_RECONCILE_MINUTES).toBe(0);
    expect(() => loadChannelSettings({ ...base, X_RECONCILE_MINUTES: '1441' })).toThrow(/X_RECONCILE_MINUTES/);
  });
});
