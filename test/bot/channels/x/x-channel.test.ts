import { createHmac } from 'node:crypto';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { loadChannelSettings } from '../../../../config/channel-settings.js';
import { createXChannel } from '../../../../bot/channels/x/x-channel.js';
import { oauth1Header } from '../../../../bot/channels/x/sign-oauth1.js';
import { platformService } from '../../../helpers/platform-service.js';
import { waitFor, type RunningService } from '../../../helpers/start-service.js';
import { fixture, rawFixture } from '../../../fixtures/load-fixture.js';

const SECRET = 'x-consumer-secret-for-tests';
const API = 'https://api.x.test';
const BRAND_ID = '1600000000000000001';

const env = {
  X_CONSUMER_SECRET: SECRET,
  X_ACCESS_TOKEN: 'user-token',
  X_USER_ID: BRAND_ID,
  X_API_URL: API,
};

function sign(body: string, secret = SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('base64')}`;
}

async function deliver(service: RunningService, body: string, signature?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== undefined) headers['x-twitter-webhooks-signature'] = signature;
  const res = await fetch(`${service.url}/webhooks/x`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as any };
}

interface Sent {
  at: number;
  body: { text: string; reply: { in_reply_to_tweet_id: string } };
  auth: string | undefined;
}

/** Stands in for POST /2/tweets; `responses` are served in order, the last one repeated. */
function xTweets(responses: (() => [number, unknown, Record<string, string>?])[]): Sent[] {
  const sent: Sent[] = [];
  nock(API)
    .post('/2/tweets')
    .times(20)
    .reply(function (_uri, body) {
      sent.push({ at: Date.now(), body: body as Sent['body'], auth: this.req.headers.authorization as string | undefined });
      const [status, payload, headers] = (responses[sent.length - 1] ?? responses[responses.length - 1]!)();
      return [status, payload as nock.Body, headers ?? {}];
    });
  return sent;
}

const created = (): [number, unknown] => [201, fixture('x', 'tweet-created')];

describe('X channel', () => {
  const startWith = platformService(env, (s) => createXChannel(s.x!));
  const start = async (extra: Record<string, string> = {}) => (await startWith(extra)).service;

  it('answers the CRC check with the HMAC of the token', async () => {
    const s = await start();
    const res = await fetch(`${s.url}/webhooks/x?crc_token=challenge-123`);
    expect(res.status).toBe(200);
    const expected = `sha256=${createHmac('sha256', SECRET).update('challenge-123').digest('base64')}`;
    expect(await res.json()).toEqual({ response_token: expected });
    expect((await fetch(`${s.url}/webhooks/x`)).status).toBe(400);
  });

  it('refuses bad and missing signatures with 401 and stores nothing', async () => {
    const s = await start();
    const body = rawFixture('x', 'tweet-create-mention');
    expect((await deliver(s, body)).status).toBe(401);
    expect((await deliver(s, body, sign(body, 'wrong-secret'))).status).toBe(401);
    expect((await deliver(s, body, 'sha256=short')).status).toBe(401);
    // Signed, then altered in transit.
    expect((await deliver(s, body.replace('two weeks', 'three weeks'), sign(body))).status).toBe(401);
    expect((await s.store.stats()).mentions).toEqual({});
  });

  it('answers a mention in its thread with POST /2/tweets', async () => {
    const sent = xTweets([created]);
    const s = await start();
    const body = rawFixture('x', 'tweet-create-mention');
    const res = await deliver(s, body, sign(body));
    expect(res).toEqual({ status: 200, body: { accepted: 1, duplicates: 0 } });
    await waitFor(() => (sent.length ? true : undefined), 5000, 'the reply');
    expect(sent[0]!.auth).toBe('Bearer user-token');
    expect(sent[0]!.body.reply).toEqual({ in_reply_to_tweet_id: '1860000000000000101' });
    expect(sent[0]!.body.text).toContain('Hi @ann_example, sorry your parcel is late');
    await waitFor(async () => ((await s.store.stats()).outbox.sent === 1 ? true : undefined), 5000, 'sent');
    expect(await s.store.getThread('x', '1860000000000000101')).toBeDefined();
  });

  it('signs replies with OAuth 1.0a when the access token secret is set', async () => {
    const sent = xTweets([created]);
    const s = await start({ X_CONSUMER_KEY: 'consumer-key', X_ACCESS_TOKEN_SECRET: 'token-secret' });
    const body = rawFixture('x', 'tweet-create-mention');
    await deliver(s, body, sign(body));
    await waitFor(() => (sent.length ? true : undefined), 5000, 'the reply');
    const auth = sent[0]!.auth!;
    const params = Object.fromEntries([...auth.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], decodeURIComponent(m[2]!)]));
    expect(params).toMatchObject({ oauth_consumer_key: 'consumer-key', oauth_token: 'user-token', oauth_signature_method: 'HMAC-SHA1' });
    const creds = { consumerKey: 'consumer-key', consumerSecret: SECRET, token: 'user-token', tokenSecret: 'token-secret' };
    expect(auth).toBe(oauth1Header('POST', `${API}/2/tweets`, creds, {}, params.oauth_nonce, Number(params.oauth_timestamp)));
  });

  it("skips the brand's own tweets and retweets", async () => {
    const s = await start();
    const body = rawFixture('x', 'tweet-create-own-and-retweet');
    const res = await deliver(s, body, sign(body));
    expect(res.body).toEqual({ accepted: 0, duplicates: 0 });
    expect((await s.store.stats()).mentions).toEqual({});
  });

  it("puts a reply to the bot's own reply into the original thread", async () => {
    const _sent = xTweets([created, () => [201, { data: { id: '1860000000000000998' } }]]);
    const s = await start();
    const first = rawFixture('x', 'tweet-create-mention');
    await deliver(s, first, sign(first));
    // Sent and recorded (the channel remembers our reply's thread before the send returns).
    await waitFor(async () => ((await s.store.stats()).outbox.sent === 1 ? true : undefined), 5000, 'first reply');
    // The customer answers our reply (id 1860000000000000301): it belongs to the first thread.
    const next = rawFixture('x', 'tweet-create-reply-in-thread').replace('1860000000000000999', '1860000000000000301');
    await deliver(s, next, sign(next));
    await waitFor(async () => ((await s.store.stats()).mentions.handed_off === 1 ? true : undefined), 5000, 'second mention');
    expect((await s.store.getThread('x', '1860000000000000101'))?.state).toBe('waiting');
  });

  it('waits for the rate-limit reset after a 429, then sends', async () => {
    const resetSeconds = Math.ceil(Date.now() / 1000) + 2;
    const sent = xTweets([
      () => [
        429,
        fixture('x', 'rate-limited'),
        { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(resetSeconds) },
      ],
      created,
    ]);
    const s = await start();
    const body = rawFixture('x', 'tweet-create-mention');
    await deliver(s, body, sign(body));
    await waitFor(() => (sent.length >= 2 ? true : undefined), 8000, 'the retried reply');
    expect(sent[1]!.at).toBeGreaterThanOrEqual(resetSeconds * 1000);
    expect(sent[1]!.body).toEqual(sent[0]!.body);
    await waitFor(async () => ((await s.store.stats()).outbox.sent === 1 ? true : undefined), 5000, 'sent');
  });

  it('answers a duplicate delivery once', async () => {
    const sent = xTweets([created]);
    const s = await start();
    const body = rawFixture('x', 'tweet-create-mention');
    expect((await deliver(s, body, sign(body))).body).toEqual({ accepted: 1, duplicates: 0 });
    expect((await deliver(s, body, sign(body))).body).toEqual({ accepted: 0, duplicates: 1 });
    await waitFor(() => (sent.length ? true : undefined), 5000, 'the reply');
    await new Promise((r) => setTimeout(r, 400));
    expect(sent).toHaveLength(1);
  });

  it('retries a 5xx and records a deleted tweet (403) as failed', async () => {
    const sent = xTweets([
      () => [503, { title: 'Service Unavailable' }],
      () => [403, { title: 'Forbidden', detail: 'You attempted to reply to a Tweet that is deleted or not visible to you.' }],
    ]);
    const s = await start();
    const body = rawFixture('x', 'tweet-create-mention');
    await deliver(s, body, sign(body));
    await waitFor(async () => ((await s.store.stats()).outbox.failed === 1 ? true : undefined), 5000, 'failed');
    expect(sent).toHaveLength(2);
  });

  it('counts a retry refused as duplicate content as sent (the first answer was lost)', async () => {
    const duplicate = {
      detail: 'You are not allowed to create a Tweet with duplicate content.',
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
    };
    const sent = xTweets([() => [503, { title: 'Service Unavailable' }], () => [403, duplicate]]);
    const s = await start();
    const body = rawFixture('x', 'tweet-create-mention');
    await deliver(s, body, sign(body));
    await waitFor(async () => ((await s.store.stats()).outbox.sent === 1 ? true : undefined), 5000, 'sent');
    expect(sent).toHaveLength(2);
  });

  it('polls the mentions timeline with since_id and keeps the cursor', async () => {
    const timeline = fixture('x', 'mentions-timeline');
    timeline.data[0].created_at = new Date().toISOString();
    const queries: Record<string, string>[] = [];
    nock(API)
      .get(`/2/users/${BRAND_ID}/mentions`)
      .query(true)
      .times(10)
      .reply((uri) => {
        const q = Object.fromEntries(new URL(uri, API).searchParams);
        queries.push(q);
        return q.since_id ? [200, { meta: { result_count: 0 } }] : [200, timeline];
      });
    const sent = xTweets([created]);
    const { service, channel } = await startWith({
      X_MODE: 'poll',
      X_CONSUMER_SECRET: '',
      X_BEARER_TOKEN: 'app-token',
      X_POLL_INTERVAL_SECONDS: '3600',
    });
    await waitFor(() => (sent.length ? true : undefined), 5000, 'the reply');
    expect(sent[0]!.body.reply.in_reply_to_tweet_id).toBe('1860000000000000201');
    expect(sent[0]!.body.text).toContain('Hi @cy_example');
    expect(queries[0]).toMatchObject({ expansions: 'author_id' });
    expect(queries[0]!.since_id).toBeUndefined();
    await channel.pollOnce();
    expect(queries[1]!.since_id).toBe('1860000000000000201');
    expect((await service.store.stats()).mentions).toEqual({ answered: 1 });
    // The webhook is not mounted in poll mode.
    expect((await fetch(`${service.url}/webhooks/x?crc_token=a`)).status).toBe(404);
  });

  it('names missing settings and keeps the channel off without them', () => {
    expect(loadChannelSettings({}).x).toBeUndefined();
    expect(() => loadChannelSettings({ X_CONSUMER_SECRET: 's' })).toThrow(/X_USER_ID[\s\S]*X_ACCESS_TOKEN|X_ACCESS_TOKEN[\s\S]*X_USER_ID/);
    expect(() => loadChannelSettings({ X_CONSUMER_SECRET: 'topsecret', X_USER_ID: 'abc', X_ACCESS_TOKEN: 't' })).toThrow(
      /X_USER_ID: must be the numeric user id/,
    );
    try {
      loadChannelSettings({ X_CONSUMER_SECRET: 'topsecret', X_USER_ID: 'abc', X_ACCESS_TOKEN: 't' });
    } catch (err) {
      expect((err as Error).message).not.toContain('topsecret');
    }
  });
});
