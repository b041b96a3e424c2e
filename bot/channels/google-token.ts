import { createSign } from 'node:crypto';
import { z } from 'zod';
import { ChannelSendError } from './channel.js';
import { httpCall } from './http-call.js';

const tokenAnswer = z.object({ access_token: z.string().min(1).max(8192), expires_in: z.number().int().positive().max(86_400) });

/** A token is renewed this long before Google says it expires: a call made with it must not land after. */
const EARLY_MS = 60_000;

/**
 * An OAuth access token from Google's token endpoint, kept until shortly before it expires and
 * fetched again after a 401 (`forget`). `grant` is the form body: a refresh token (YouTube) or a
 * signed JWT (a service account). A refused grant (revoked token, deleted key) is permanent.
 */
export function createGoogleToken(tokenUrl: string, grant: () => Record<string, string>, what: string, now = Date.now) {
  let current: { token: string; until: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    let res;
    try {
      res = await httpCall(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(grant()).toString(),
        timeoutMs: 15_000,
      });
    } catch (err) {
      throw new ChannelSendError(`${what} token: ${(err as Error).message}`, 'transient');
    }
    if (!res.ok) {
      // Google names the problem (invalid_grant, invalid_client); the body never echoes the secret.
      const error = /"error"\s*:\s*"([a-z_]{1,64})"/.exec(await res.text().catch(() => ''))?.[1] ?? '';
      const kind = res.status >= 500 || res.status === 429 ? 'transient' : 'permanent';
      throw new ChannelSendError(`${what} token: HTTP ${res.status} ${error}`.trim(), kind);
    }
    const parsed = tokenAnswer.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) throw new ChannelSendError(`${what} token: the answer holds no access token`, 'transient');
    current = { token: parsed.data.access_token, until: now() + parsed.data.expires_in * 1000 - EARLY_MS };
    return current.token;
  }

  return {
    async get(): Promise<string> {
      if (current && now() < current.until) return current.token;
      // One refresh at a time: replies sent side by side share it.
      pending ??= fetchToken().finally(() => (pending = undefined));
      return pending;
    },
    forget() {
      current = undefined;
    },
  };
}

export type GoogleToken = ReturnType<typeof createGoogleToken>;

/** The refresh-token grant of an OAuth client (a user's consent: YouTube, Business Profile). */
export const refreshTokenGrant = (clientId: string, clientSecret: string, refreshToken: string) => () => ({
  grant_type: 'refresh_token',
  client_id: clientId,
  client_secret: clientSecret,
  refresh_token: refreshToken,
});

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** A service account's signed assertion (RS256) for the JWT bearer grant, valid for an hour. */
export function serviceAccountGrant(key: { client_email: string; private_key: string }, scope: string, audience: string, now = Date.now) {
  return (): Record<string, string> => {
    const iat = Math.floor(now() / 1000);
    const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
    const claims = b64url(JSON.stringify({ iss: key.client_email, scope, aud: audience, iat, exp: iat + 3600 }));
    const signature = createSign('RSA-SHA256').update(`${head}.${claims}`).sign(key.private_key);
    return { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: `${head}.${claims}.${b64url(signature)}` };
  };
}
