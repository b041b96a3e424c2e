import { createPrivateKey, type KeyObject, sign } from 'node:crypto';

export interface AppStoreKey {
  issuerId: string;
  keyId: string;
  /** The .p8 file's PEM text. */
  privateKey: string;
}

/** Apple accepts tokens living at most 20 minutes; a new one is made a little before. */
const LIFETIME_S = 20 * 60;
const RENEW_BEFORE_S = 5 * 60;

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** An App Store Connect API token: a JWT signed with ES256 (P-256, the raw r||s signature JWS wants). */
export function appStoreJwt(key: AppStoreKey & { keyObject: KeyObject }, nowS: number): string {
  const header = base64url(JSON.stringify({ alg: 'ES256', kid: key.keyId, typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ iss: key.issuerId, iat: nowS, exp: nowS + LIFETIME_S, aud: 'appstoreconnect-v1' }));
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), { key: key.keyObject, dsaEncoding: 'ieee-p1363' });
  return `${header}.${payload}.${base64url(signature)}`;
}

/** The token to send, made again when it is close to expiring. */
export function createAppStoreToken(key: AppStoreKey) {
  const keyObject = createPrivateKey(key.privateKey);
  let current: { token: string; renewAt: number } | undefined;
  return {
    get(): string {
      const nowS = Math.floor(Date.now() / 1000);
      if (!current || nowS >= current.renewAt)
        current = { token: appStoreJwt({ ...key, keyObject }, nowS), renewAt: nowS + LIFETIME_S - RENEW_BEFORE_S };
      return current.token;
    },
    invalidate() {
      current = undefined;
    },
  };
}
