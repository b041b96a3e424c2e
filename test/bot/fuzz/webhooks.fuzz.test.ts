import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../helpers/start-service.js';
import { rawFixture } from '../../fixtures/load-fixture.js';
import { scrape } from '../server/scrape-metrics.js';
import { anyBodyWithFields, jsonWithFields } from './arbitraries.js';

const X_SECRET = 'fuzz-x-consumer-secret';
const META_SECRET = 'fuzz-meta-app-secret';
const APP_ID = '6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b';
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

/** Every channel that takes webhook calls, with its secrets: sandbox, X, Meta, Bot Framework (authenticated). */
const env = {
  UNDERSTANDING: 'keyword',
  X_CONSUMER_SECRET: X_SECRET,
  X_ACCESS_TOKEN: 'fuzz-user-token',
  X_USER_ID: '1600000000000000001',
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
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const jwk = publicKey.export({ format: 'jwk' });
  nock('https://login.botframework.com')
    .persist()
    .get('/v1/.well-known/openidconfiguration')
    .reply(200, { issuer: 'https://api.botframework.com', jwks_uri: 'https://login.botframework.com/v1/.well-known/keys', id_token_signing_alg_values_supported: ['RS256'] })
    .get('/v1/.well-known/keys')
    .reply(200, { keys: [{ kty: 'RSA', use: 'sig', kid: 'k1', x5t: 'k1', n: jwk.n, e: jwk.e, endorsements: ['webchat'] }] });
  const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return (claims: object) => {
    const now = Math.floor(Date.now() / 1000);
    const head = b64({ alg: 'RS256', typ: 'JWT', kid: 'k1', x5t: 'k1' });
    const body = b64({ iss: 'https://api.botframework.com', aud: APP_ID, nbf: now - 60, exp: now + 3600, ...claims });
    return `${head}.${body}.${sign('sha256', Buffer.from(`${head}.${body}`), forger).toString('base64url')}`;
  };
}

const fieldNames = ['author', 'text', 'id', 'inReplyTo', 'tweet_create_events', 'for_user_id', 'user', 'id_str', 'object', 'entry', 'changes', 'field', 'value', 'type', 'from', 'conversation', 'message'];
const anyJson = jsonWithFields(fieldNames);
const anyBody = anyBodyWithFields(fieldNames);

describe('webhook endpoints under bad input (fast-check)', () => {
  let service: RunningService;
  let forgeToken: (claims: object) => string;
  let statuses: number[] = [];

  async function call(path: string, body: Uint8Array, headers: Record<string, string> = {}, contentType = 'application/json'): Promise<number> {
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
    forgeToken = botConnectorKeys();
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
      fc.asyncProperty(anyBody, fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain'), async (body, type) => {
        const status = await call('/sandbox/mentions', body, {}, type);
        expect(status === 202 || (status >= 400 && status < 500)).toBe(true);
        if (status === 202) accepted++;
      }),
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
        const headers: Record<string, string> = channel === 'x' ? { 'x-twitter-webhooks-signature': xSignature(bytes) } : { 'x-hub-signature-256': metaSignature(bytes) };
        const status = await call(`/webhooks/${channel}`, bytes, headers);
        expect(status === 200 || (status >= 400 && status < 500)).toBe(true);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('Bot Framework: no token, garbage or a forged token is refused with 401 and nothing is stored', async () => {
    const activity = fc.record({ type: fc.constant('message'), id: fc.string({ minLength: 1, maxLength: 10 }), text: fc.string({ maxLength: 50 }), conversation: fc.record({ id: fc.string({ minLength: 1, maxLength: 10 }) }), serviceUrl: fc.constant('https://webchat.botframework.test/') });
    const token = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 80 }).map((s) => `Bearer ${s}`),
      fc.constant('Basic dXNlcjpwYXNz'),
      fc.constant(0).map(() => `Bearer ${forgeToken({ serviceurl: 'https://webchat.botframework.test/' })}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(activity, anyJson), token, async (body, authorization) => {
        const status = await call('/api/messages', new TextEncoder().encode(JSON.stringify(body)), authorization === undefined ? {} : { authorization });
        expect([400, 401]).toContain(status);
      }),
      { numRuns: RUNS },
    );
    expect(await storedBy('botframework')).toBe(0);
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
