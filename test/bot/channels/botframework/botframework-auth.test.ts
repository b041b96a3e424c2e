import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadChannelSettings } from '../../../../config/channel-settings.js';
import { createBotFrameworkChannel } from '../../../../bot/channels/botframework/botframework-channel.js';
import { postJson, startService, waitFor, type RunningService } from '../../../helpers/start-service.js';
import { fixture } from '../../../fixtures/load-fixture.js';

const APP_ID = '6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b';
const KID = 'test-signing-key-1';

const b64url = (v: object | Buffer) => (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString('base64url');

/** A token as the Bot Connector signs them (RS256, issuer api.botframework.com, audience the app). */
function channelToken(privateKey: KeyObject, claims: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const head = b64url({ alg: 'RS256', typ: 'JWT', kid: KID, x5t: KID });
  const body = b64url({ iss: 'https://api.botframework.com', aud: APP_ID, nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims });
  return `${head}.${body}.${b64url(sign('sha256', Buffer.from(`${head}.${body}`), privateKey))}`;
}

describe('Bot Framework channel with authentication (MICROSOFT_APP_ID)', () => {
  let service: RunningService | undefined;
  let server: Server | undefined;
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(async () => {
    await service?.dispose();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    service = server = undefined;
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());

  it("accepts a valid connector token, refuses a forged one, and replies with the app's token", async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const jwk = publicKey.export({ format: 'jwk' });
    nock('https://login.botframework.com')
      .get('/v1/.well-known/openidconfiguration')
      .times(5)
      .reply(200, {
        issuer: 'https://api.botframework.com',
        jwks_uri: 'https://login.botframework.com/v1/.well-known/keys',
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      })
      .get('/v1/.well-known/keys')
      .times(5)
      .reply(200, {
        keys: [{ kty: 'RSA', use: 'sig', kid: KID, x5t: KID, n: jwk.n, e: jwk.e, endorsements: ['msteams', 'webchat', 'directline'] }],
      });
    const tokenRequests: string[] = [];
    // The app's own token for replies: MSAL client credentials against the botframework.com tenant.
    nock('https://login.microsoftonline.com')
      .post(/^\/botframework\.com\/oauth2\/v2\.0\/token/)
      .times(5)
      .reply((_uri, body) => {
        tokenRequests.push(String(body));
        return [200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: 'bot-outbound-token' }];
      });

    const captured: { path: string; auth: string | undefined; body: any }[] = [];
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        captured.push({ path: req.url ?? '', auth: req.headers.authorization, body: JSON.parse(data || '{}') });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'reply-1' }));
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

    const env = { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'client-secret', SANDBOX_ENABLED: 'false', OUTBOX_RETRY_BASE_MS: '50' };
    service = await startService(env, { channels: [createBotFrameworkChannel(loadChannelSettings(env).botframework!)] });
    const activity = { ...fixture<Record<string, unknown>>('botframework', 'message-activity'), channelId: 'webchat', serviceUrl };

    const forged = await postJson(`${service.url}/api/messages`, activity, {
      authorization: `Bearer ${channelToken(forger, { serviceurl: serviceUrl })}`,
    });
    expect(forged.status).toBe(401);
    const wrongService = await postJson(`${service.url}/api/messages`, activity, {
      authorization: `Bearer ${channelToken(privateKey, { serviceurl: 'https://evil.example/' })}`,
    });
    expect(wrongService.status).toBe(401);
    expect((await service.store.stats()).mentions).toEqual({});

    const ok = await postJson(`${service.url}/api/messages`, activity, {
      authorization: `Bearer ${channelToken(privateKey, { serviceurl: serviceUrl })}`,
    });
    expect(ok.status).toBe(200);
    await waitFor(() => (captured.length ? true : undefined), 8000, 'the reply activity');
    expect(captured[0]!.auth).toBe('Bearer bot-outbound-token');
    expect(captured[0]!.path).toBe(
      '/v3/conversations/b1e2c3d4-0000-11ee-9a1b-conv00000001%7Clivechat/activities/9f5e0c40a9d311eeb5b14d1d0c1a1a11',
    );
    expect(tokenRequests[0]).toContain('grant_type=client_credentials');
    expect(tokenRequests[0]).toContain(`client_id=${APP_ID}`);
    expect(tokenRequests[0]).toContain('scope=https%3A%2F%2Fapi.botframework.com%2F.default');
    expect(captured[0]!.body.text).toContain('sorry your parcel is late');
    expect((await service.store.stats()).mentions).toEqual({ answered: 1 });
  });
});
