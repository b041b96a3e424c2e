import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { z } from 'zod';
import { httpCall } from './http-call.js';

/** Why a push was refused: `unavailable` (Google's keys could not be read) is ours, worth a redelivery. */
export class PushTokenError extends Error {
  override name = 'PushTokenError';
  constructor(
    message: string,
    readonly kind: 'invalid' | 'unavailable',
  ) {
    super(message);
  }
}

const header = z.object({ alg: z.literal('RS256'), kid: z.string().min(1).max(200), typ: z.string().max(20).optional() });
const claims = z.object({
  iss: z.enum(['accounts.google.com', 'https://accounts.google.com']),
  aud: z.string().max(2000),
  email: z.string().max(320),
  email_verified: z.literal(true),
  exp: z.number().int(),
  iat: z.number().int(),
});
const jwks = z.object({
  keys: z
    .array(z.object({ kid: z.string().min(1).max(200), kty: z.literal('RSA'), n: z.string().max(4096), e: z.string().max(16) }).loose())
    .max(50),
});

export interface GooglePushTokenOptions {
  audience: string;
  serviceAccount: string;
  jwksUrl: string;
  now?: () => number;
  /** Clock difference allowed with Google's (seconds). */
  skewSeconds?: number;
}

/** Keys kept this long when Google's answer names no max-age; an unknown kid refetches at most this often. */
const DEFAULT_TTL_MS = 60 * 60_000;
const REFETCH_MIN_MS = 60_000;

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;

/**
 * Verifies the OIDC token Pub/Sub puts in a push's `Authorization: Bearer` header: signed RS256 by
 * one of Google's keys (read from the JWKS URL and cached as its Cache-Control says), issued by
 * accounts.google.com, for our audience, for the configured service account (its email verified),
 * and not expired. Resolves with the claims; throws PushTokenError.
 */
export function createGooglePushVerifier(opts: GooglePushTokenOptions) {
  const now = opts.now ?? Date.now;
  const skew = opts.skewSeconds ?? 60;
  let keys = new Map<string, KeyObject>();
  let fetchedAt = -Infinity;
  let expiresAt = -Infinity;
  let inFlight: Promise<void> | undefined;

  async function refresh(): Promise<void> {
    let res: Awaited<ReturnType<typeof httpCall>>;
    try {
      res = await httpCall(opts.jwksUrl, { method: 'GET', timeoutMs: 10_000 });
    } catch (err) {
      throw new PushTokenError(`Google's signing keys: ${(err as Error).message}`, 'unavailable');
    }
    if (!res.ok) throw new PushTokenError(`Google's signing keys: HTTP ${res.status}`, 'unavailable');
    const parsed = jwks.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) throw new PushTokenError("Google's signing keys: not a JWKS", 'unavailable');
    const next = new Map<string, KeyObject>();
    for (const k of parsed.data.keys) next.set(k.kid, createPublicKey({ key: { kty: 'RSA', n: k.n, e: k.e }, format: 'jwk' }));
    const maxAge = /max-age=(\d{1,7})/.exec(res.headers.get('cache-control') ?? '')?.[1];
    keys = next;
    fetchedAt = now();
    expiresAt = fetchedAt + (maxAge ? Math.min(Number(maxAge) * 1000, 24 * DEFAULT_TTL_MS) : DEFAULT_TTL_MS);
  }

  async function keyFor(kid: string): Promise<KeyObject | undefined> {
    const stale = now() >= expiresAt;
    if (stale || (!keys.has(kid) && now() - fetchedAt >= REFETCH_MIN_MS)) {
      // Pushes arriving together share one read of the keys.
      inFlight ??= refresh().finally(() => {
        inFlight = undefined;
      });
      await inFlight;
    }
    return keys.get(kid);
  }

  return async function verifyPushToken(authorization: string | undefined): Promise<z.infer<typeof claims>> {
    const token = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization ?? '')?.[1];
    if (!token || token.length > 8192) throw new PushTokenError('missing or malformed bearer token', 'invalid');
    const [h, c, s] = token.split('.') as [string, string, string];
    let head: z.infer<typeof header>;
    let body: z.infer<typeof claims>;
    try {
      head = header.parse(decode(h));
      body = claims.parse(decode(c));
    } catch {
      throw new PushTokenError('not a Google-signed OIDC token', 'invalid');
    }
    const key = await keyFor(head.kid);
    if (!key) throw new PushTokenError('signed with an unknown key', 'invalid');
    if (!verify('RSA-SHA256', Buffer.from(`${h}.${c}`), key, Buffer.from(s, 'base64url')))
      throw new PushTokenError('bad signature', 'invalid');
    const seconds = Math.floor(now() / 1000);
    if (body.exp + skew < seconds) throw new PushTokenError('token expired', 'invalid');
    if (body.iat - skew > seconds) throw new PushTokenError('token issued in the future', 'invalid');
    if (body.aud !== opts.audience) throw new PushTokenError('wrong audience', 'invalid');
    if (body.email.toLowerCase() !== opts.serviceAccount.toLowerCase()) throw new PushTokenError('wrong service account', 'invalid');
    return body;
  };
}
