import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGooglePushVerifier } from '../../../bot/channels/google-push-token.js';

const JWKS = 'https://www.googleapis.com/oauth2/v3/certs';
const keys = { a: generateKeyPairSync('rsa', { modulusLength: 2048 }), b: generateKeyPairSync('rsa', { modulusLength: 2048 }) };

function token(kid: 'a' | 'b', at: number, key: KeyObject = keys[kid].privateKey) {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const s = Math.floor(at / 1000);
  const head = `${part({ alg: 'RS256', kid, typ: 'JWT' })}.${part({
    aud: 'https://replies.acme.example/webhooks/gbp',
    email: 'push@acme.iam.gserviceaccount.com',
    email_verified: true,
    iat: s,
    exp: s + 3600,
    iss: 'https://accounts.google.com',
    sub: '1',
  })}`;
  return `Bearer ${head}.${sign('RSA-SHA256', Buffer.from(head), key).toString('base64url')}`;
}

describe("Google's push token: keys cached and rotated", () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('reads the keys once while cached, again for a new kid after a minute, and again when max-age runs out', async () => {
    let fetches = 0;
    const served: ('a' | 'b')[][] = [['a'], ['a', 'b'], ['b']];
    nock('https://www.googleapis.com')
      .get('/oauth2/v3/certs')
      .times(10)
      .reply(() => {
        const kids = served[Math.min(fetches++, served.length - 1)]!;
        const jwks = kids.map((k) => ({ ...keys[k].publicKey.export({ format: 'jwk' }), kid: k, alg: 'RS256' }));
        return [200, { keys: jwks }, { 'cache-control': 'public, max-age=3600' }];
      });
    let now = Date.now();
    const verify = createGooglePushVerifier({
      audience: 'https://replies.acme.example/webhooks/gbp',
      serviceAccount: 'push@acme.iam.gserviceaccount.com',
      jwksUrl: JWKS,
      now: () => now,
    });
    await expect(verify(token('a', now))).resolves.toMatchObject({ email: 'push@acme.iam.gserviceaccount.com' });
    await expect(verify(token('a', now))).resolves.toBeDefined();
    expect(fetches).toBe(1);
    now += 10_000;
    await expect(verify(token('b', now))).rejects.toThrow('unknown key');
    expect(fetches).toBe(1);
    now += 60_000;
    await expect(verify(token('b', now))).resolves.toBeDefined();
    expect(fetches).toBe(2);
    // Past max-age the keys are read again: a key Google dropped is no longer accepted.
    now += 3600_000;
    await expect(verify(token('a', now))).rejects.toThrow('unknown key');
    await expect(verify(token('b', now))).resolves.toBeDefined();
    expect(fetches).toBe(3);
  });
});
