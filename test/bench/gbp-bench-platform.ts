import { generateKeyPairSync, sign } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const GBP_ACCOUNT = '108000000000000000001';
export const GBP_LOCATION = '4100000000000000001';
export const GBP_AUDIENCE = 'https://replies.bench.example/webhooks/gbp';
export const GBP_PUSHER = 'gbp-push@bench-reviews.iam.gserviceaccount.com';
const KID = 'bench-key-1';

/** The key Pub/Sub would sign with: the bench signs the tokens, its stand-in serves the public half. */
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** An OIDC token as Pub/Sub signs it for a push, valid for an hour. */
export function pushToken(): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const signed = `${part({ alg: 'RS256', kid: KID, typ: 'JWT' })}.${part({
    aud: GBP_AUDIENCE,
    email: GBP_PUSHER,
    email_verified: true,
    exp: now + 3600,
    iat: now,
    iss: 'https://accounts.google.com',
    sub: '113774264463038321964',
  })}`;
  return `Bearer ${signed}.${sign('RSA-SHA256', Buffer.from(signed), keys.privateKey).toString('base64url')}`;
}

const REVIEW_PATH = /^\/v4\/(accounts\/\d+\/locations\/\d+\/reviews\/([A-Za-z0-9_-]+))(\/reply)?$/;

/**
 * Google on loopback for the GBP push bench: the JWKS (`/jwks`), the OAuth token endpoint (`/token`),
 * and the Business Profile API: an empty review list for the poll, any review read back as a new
 * review written now (its id names the customer), every reply (PUT) accepted and counted.
 */
export async function startGbpPlatform(): Promise<{ url: string; replies: () => number; close: () => Promise<void> }> {
  let replies = 0;
  const jwks = JSON.stringify({ keys: [{ ...keys.publicKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' }] });
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      const json = (status: number, body: string, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(body);
      };
      if (path === '/jwks') return json(200, jwks, { 'cache-control': 'public, max-age=21600' });
      if (path === '/token') return json(200, JSON.stringify({ access_token: 'ya29.bench', expires_in: 3599, token_type: 'Bearer' }));
      if (path.endsWith('/reviews')) return json(200, JSON.stringify({ reviews: [] }));
      const m = REVIEW_PATH.exec(path);
      if (!m) return json(404, JSON.stringify({ error: { code: 404, status: 'NOT_FOUND', message: 'no such path' } }));
      const now = new Date().toISOString();
      if (m[3]) {
        replies++;
        return json(200, JSON.stringify({ comment: 'ok', updateTime: now }));
      }
      return json(
        200,
        JSON.stringify({
          name: m[1],
          reviewId: m[2],
          reviewer: { displayName: `Customer ${m[2]}`, isAnonymous: false },
          starRating: 'TWO',
          comment: 'My parcel is two weeks late and nobody answers the phone.',
          createTime: now,
          updateTime: now,
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    replies: () => replies,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
