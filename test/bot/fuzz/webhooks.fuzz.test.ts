import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../helpers/start-service.js';
import { rawFixture } from '../../fixtures/load-fixture.js';
import { scrape } from '../server/scrape-metrics.js';
import { anyBodyWithFields, jsonWithFields } from './arbitraries.js';
import { mutatedItem } from './mutate.js';

const X_SECRET = 'fuzz-x-consumer-secret';
const META_SECRET = 'fuzz-meta-app-secret';
const APP_ID = '6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b';
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const BRAND_ID_SETTING = '1600000000000000001';

/** Every channel that takes webhook calls, with its secrets: sandbox, X, Meta, Bot Framework (authenticated). */
const env = {
  UNDERSTANDING: 'keyword',
  X_CONSUMER_SECRET: X_SECRET,
  X_ACCESS_TOKEN: 'fuzz-user-token',
  X_USER_ID: BRAND_ID_SETTING,
  X_API_URL: 'https://api.x.test',
  META_APP_SECRET: META_SECRET,
  META_VERIFY_TOKEN: 'fuzz-verify',
  META_PAGE_ACCESS_TOKEN: 'fuzz-page-token',
  META_GRAPH_URL: 'https://graph.meta.test',
  MICROSOFT_APP_ID: APP_ID,
  MICROSOFT_APP_PASSWORD: 'fuzz-client-secret',
};

const xSignature = (body: Uint8Array | string) => `sha256=${createHmac('sha256', X_SECRET).update(body).digest('base64')}`;
const metaSignature = (body: Uint8Array | string) => `sha256=${createHmac('sha256', META_SECRET).update(body).digest('hex')}`;

/** The Bot Connector's signing keys as the service will fetch them; forged tokens are signed with another key. */
function botConnectorKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const jwk = publicKey.export({ format: 'jwk' });
  nock('https://login.botframework.com')
    .persist()
    .get('/v1/.well-known/openidconfiguration')
    .reply(200, {
      issuer: 'https://api.botframework.com',
      jwks_uri: 'https://login.botframework.com/v1/.well-known/keys',
      id_token_signing_alg_values_supported: ['RS256'],
    })
    .get('/v1/.well-known/keys')
    .reply(200, { keys: [{ kty: 'RSA', use: 'sig', kid: 'k1', x5t: 'k1', n: jwk.n, e: jwk.e, endorsements: ['webchat'] }] });
  const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const token = (key: typeof forger) => (claims: object) => {
    const now = Math.floor(Date.now() / 1000);
    const head = b64({ alg: 'RS256', typ: 'JWT', kid: 'k1', x5t: 'k1' });
    const body = b64({ iss: 'https://api.botframework.com', aud: APP_ID, nbf: now - 60, exp: now + 3600, ...claims });
    return `${head}.${body}.${sign('sha256', Buffer.from(`${head}.${body}`), key).toString('base64url')}`;
  };
  return { forge: token(forger), genuine: token(privateKey) };
}

const BRAND_ID = '1600000000000000001';
let serial = 0;
/** A fresh id for each good item, so each one is new to the inbox. */
const nextId = () => `77${String(++serial).padStart(17, '0')}`;

/** Items as the platforms send them (the fields first-reply reads, and a few it does not). */
const goodTweet = (id: string) => ({
  created_at: 'Mon Nov 23 20:41:07 +0000 2026',
  id_str: id,
  text: `@acme where is my parcel ${id}`,
  in_reply_to_status_id_str: null,
  conversation_id: id,
  user: { id_str: '1500000000000000042', screen_name: 'ann_example', name: 'Ann' },
  extended_tweet: { full_text: `@acme where is my parcel ${id}, it is late` },
});
const TWEET_FIELDS = [
  'id_str',
  'created_at',
  'text',
  'user',
  'user.screen_name',
  'user.id_str',
  'in_reply_to_status_id_str',
  'conversation_id',
  'extended_tweet',
  'extended_tweet.full_text',
  'retweeted_status',
  'truncated',
];

const PAGE_ID = '104000000000001';
const goodPageComment = (id: string) => ({
  field: 'feed',
  value: {
    item: 'comment',
    verb: 'add',
    comment_id: `990000000000001_${id}`,
    post_id: `${PAGE_ID}_990000000000001`,
    parent_id: `${PAGE_ID}_990000000000001`,
    from: { id: '7100000000000042', name: 'Ann Example' },
    message: `my parcel is late ${id}`,
    created_time: 1795467600,
    post: { permalink_url: 'https://www.facebook.com/acme/posts/1' },
  },
});
const PAGE_FIELDS = [
  'field',
  'value',
  'value.item',
  'value.verb',
  'value.comment_id',
  'value.post_id',
  'value.parent_id',
  'value.from',
  'value.from.id',
  'value.from.name',
  'value.message',
  'value.created_time',
  'value.post',
  'value.post.permalink_url',
];
const IG_ID = '17841400000000001';
const goodIgComment = (id: string) => ({
  field: 'comments',
  value: {
    id: `1795${id}`,
    text: `why was I charged twice ${id}`,
    from: { id: '17841400000000042', username: 'bob.example' },
    media: { id: '17900000000000001', media_product_type: 'FEED' },
  },
});
const IG_FIELDS = [
  'field',
  'value',
  'value.id',
  'value.text',
  'value.parent_id',
  'value.from',
  'value.from.id',
  'value.from.username',
  'value.media',
  'value.media.id',
];

const SERVICE_URL = 'https://webchat.botframework.test/';
const goodActivity = (id: string) => ({
  type: 'message',
  id,
  text: `my parcel is late ${id}`,
  timestamp: '2026-11-23T21:10:00.000Z',
  channelId: 'webchat',
  serviceUrl: SERVICE_URL,
  from: { id: 'user-42', name: 'Ann Example', role: 'user' },
  recipient: { id: 'bot-1', name: 'ACME', role: 'bot' },
  conversation: { id: `conv-${id}` },
});
const ACTIVITY_FIELDS = [
  'type',
  'id',
  'text',
  'timestamp',
  'from',
  'from.id',
  'from.name',
  'from.role',
  'recipient',
  'recipient.id',
  'conversation',
  'conversation.id',
  'entities',
];

const fieldNames = [
  'author',
  'text',
  'id',
  'inReplyTo',
  'tweet_create_events',
  'for_user_id',
  'user',
  'id_str',
  'object',
  'entry',
  'changes',
  'field',
  'value',
  'type',
  'from',
  'conversation',
  'message',
];
const anyJson = jsonWithFields(fieldNames);
const anyBody = anyBodyWithFields(fieldNames);

describe('webhook endpoints under bad input (fast-check)', () => {
  let service: RunningService;
  let forgeToken: (claims: object) => string;
  let connectorToken: (claims: object) => string;
  const statuses: number[] = [];

  async function call(
    path: string,
    body: Uint8Array,
    headers: Record<string, string> = {},
    contentType = 'application/json',
  ): Promise<number> {
    const res = await fetch(`${service.url}${path}`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
    await res.arrayBuffer();
    statuses.push(res.status);
    return res.status;
  }

  /** Mentions each channel has stored so far, as the service counts them. */
  async function storedBy(channel: string): Promise<number> {
    return (await scrape(service.url)).value('first_reply_mentions_received_total', { channel });
  }

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    ({ forge: forgeToken, genuine: connectorToken } = botConnectorKeys());
    service = await startService(env);
  });
  afterAll(async () => {
    await service?.dispose();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('sandbox: any body, any content type: a 4xx or a stored mention, never a 5xx', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        anyBody,
        fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain'),
        async (body, type) => {
          const status = await call('/sandbox/mentions', body, {}, type);
          expect(status === 202 || (status >= 400 && status < 500)).toBe(true);
          if (status === 202) accepted++;
        },
      ),
      { numRuns: RUNS * 2 },
    );
    // Only bodies with an author and a text get in (and fast-check finds few of those by chance).
    expect(await storedBy('sandbox')).toBeLessThanOrEqual(accepted);
  });

  it('X and Meta: forged, missing or reused signatures are refused with 401 and nothing is stored', async () => {
    const genuine = rawFixture('x', 'tweet-create-mention');
    const forgedSignature = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 60 }),
      fc.base64String({ minLength: 44, maxLength: 44 }).map((s) => `sha256=${s}`),
      fc.constant(xSignature(genuine)), // a genuine signature of another body
      fc.constant(metaSignature(genuine)),
    );
    const body = fc.oneof(anyBody, fc.constant(new TextEncoder().encode(genuine)));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('x', 'meta'), body, forgedSignature, async (channel, bytes, signature) => {
        const header = channel === 'x' ? 'x-twitter-webhooks-signature' : 'x-hub-signature-256';
        const valid = channel === 'x' ? xSignature(bytes) : metaSignature(bytes);
        fc.pre(signature !== valid);
        const status = await call(`/webhooks/${channel}`, bytes, signature === undefined ? {} : { [header]: signature });
        // 401, or 413/415 refused before the signature is looked at.
        expect([401, 413, 415]).toContain(status);
      }),
      { numRuns: RUNS * 2 },
    );
    expect(await storedBy('x')).toBe(0);
    expect(await storedBy('meta')).toBe(0);
  });

  it('X and Meta: correctly signed bodies of the wrong shape or not JSON get a 4xx or a 200, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('x', 'meta'), anyBody, async (channel, bytes) => {
        const headers: Record<string, string> =
          channel === 'x' ? { 'x-twitter-webhooks-signature': xSignature(bytes) } : { 'x-hub-signature-256': metaSignature(bytes) };
        const status = await call(`/webhooks/${channel}`, bytes, headers);
        expect(status === 200 || (status >= 400 && status < 500)).toBe(true);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  /** A signed delivery; its answer as JSON. */
  async function deliver(path: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: any }> {
    const res = await fetch(`${service.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    statuses.push(res.status);
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
  const xHeaders = (body: string) => ({ 'x-twitter-webhooks-signature': xSignature(body) });
  const metaHeaders = (body: string) => ({ 'x-hub-signature-256': metaSignature(body) });

  it('X: a good tweet beside a fuzzed one is stored whatever the other holds; the answer is never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedItem(goodTweet(nextId()), TWEET_FIELDS), fc.boolean(), async ({ item }, badFirst) => {
        const good = goodTweet(nextId());
        const body = JSON.stringify({ for_user_id: BRAND_ID, tweet_create_events: badFirst ? [item, good] : [good, item] });
        const res = await deliver('/webhooks/x', body, xHeaders(body));
        expect(res.status).toBe(200);
        expect(res.body.accepted + res.body.duplicates + (res.body.refused ?? 0)).toBeLessThanOrEqual(2);
        expect(res.body.accepted).toBeGreaterThanOrEqual(1);
        // Stored: delivered again on its own, it is a duplicate.
        const again = JSON.stringify({ for_user_id: BRAND_ID, tweet_create_events: [good] });
        expect((await deliver('/webhooks/x', again, xHeaders(again))).body).toEqual({ accepted: 0, duplicates: 1 });
      }),
      { numRuns: RUNS },
    );
  });

  it('X: a delivery of fuzzed tweets only is a 200 or a 400, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            mutatedItem(goodTweet(nextId()), TWEET_FIELDS).map((m) => m.item),
            anyJson,
          ),
          { minLength: 1, maxLength: 4 },
        ),
        async (tweets) => {
          const body = JSON.stringify({ for_user_id: BRAND_ID, tweet_create_events: tweets });
          expect([200, 400]).toContain((await deliver('/webhooks/x', body, xHeaders(body))).status);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('Meta (Page and Instagram): a good comment beside a fuzzed one is stored; never a 5xx', async () => {
    const surfaces = fc.constantFrom(
      { object: 'page', entryId: PAGE_ID, good: goodPageComment, fields: PAGE_FIELDS },
      { object: 'instagram', entryId: IG_ID, good: goodIgComment, fields: IG_FIELDS },
    );
    await fc.assert(
      fc.asyncProperty(
        surfaces.chain((s) => fc.tuple(fc.constant(s), mutatedItem(s.good(nextId()), s.fields), fc.boolean())),
        async ([surface, { item }, badFirst]) => {
          const good = surface.good(nextId());
          const body = JSON.stringify({
            object: surface.object,
            entry: [{ id: surface.entryId, time: 1795467600, changes: badFirst ? [item, good] : [good, item] }],
          });
          const res = await deliver('/webhooks/meta', body, metaHeaders(body));
          expect(res.status).toBe(200);
          expect(res.body.accepted).toBeGreaterThanOrEqual(1);
          const again = JSON.stringify({ object: surface.object, entry: [{ id: surface.entryId, time: 1795467600, changes: [good] }] });
          expect((await deliver('/webhooks/meta', again, metaHeaders(again))).body).toEqual({ accepted: 0, duplicates: 1 });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('Bot Framework: fuzzed activities with a genuine connector token get a 200 or a 4xx, never a 5xx; a good one is stored', async () => {
    const authorization = () => `Bearer ${connectorToken({ serviceurl: SERVICE_URL })}`;
    const before = await storedBy('botframework');
    expect((await deliver('/api/messages', JSON.stringify(goodActivity(nextId())), { authorization: authorization() })).status).toBe(200);
    expect(await storedBy('botframework')).toBe(before + 1);
    await fc.assert(
      fc.asyncProperty(mutatedItem(goodActivity(nextId()), ACTIVITY_FIELDS), async ({ item }) => {
        const status = (
          await deliver(
            '/api/messages',
            JSON.stringify({ ...item, id: typeof item.id === 'string' ? `${item.id}-${nextId()}` : item.id }),
            { authorization: authorization() },
          )
        ).status;
        expect(status === 200 || (status >= 400 && status < 500)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('Bot Framework: no token, garbage or a forged token is refused with 401 and nothing is stored', async () => {
    const before = await storedBy('botframework');
    const activity = fc.record({
      type: fc.constant('message'),
      id: fc.string({ minLength: 1, maxLength: 10 }),
      text: fc.string({ maxLength: 50 }),
      conversation: fc.record({ id: fc.string({ minLength: 1, maxLength: 10 }) }),
      serviceUrl: fc.constant('https://webchat.botframework.test/'),
    });
    const token = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 80 }).map((s) => `Bearer ${s}`),
      fc.constant('Basic dXNlcjpwYXNz'),
      fc.constant(0).map(() => `Bearer ${forgeToken({ serviceurl: 'https://webchat.botframework.test/' })}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(activity, anyJson), token, async (body, authorization) => {
        const status = await call(
          '/api/messages',
          new TextEncoder().encode(JSON.stringify(body)),
          authorization === undefined ? {} : { authorization },
        );
        expect([400, 401]).toContain(status);
      }),
      { numRuns: RUNS },
    );
    expect(await storedBy('botframework')).toBe(before);
  });

  it('huge bodies are refused with 413 on every endpoint', async () => {
    const huge = new Uint8Array(2 * 1024 * 1024).fill(0x61);
    const text = new TextEncoder().encode(JSON.stringify({ author: '@ann', text: 'x'.repeat(3 * 1024 * 1024) }));
    for (const path of ['/sandbox/mentions', '/webhooks/x', '/webhooks/meta', '/api/messages']) {
      expect(await call(path, huge)).toBe(413);
      expect(await call(path, text)).toBe(413);
    }
  });

  it('the service is alive and answered no call with a 5xx', async () => {
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
    expect(statuses.length).toBeGreaterThan(RUNS * 6);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });
});
