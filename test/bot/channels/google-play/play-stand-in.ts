import { createVerify, generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { fixture } from '../../../fixtures/load-fixture.js';

export const API = 'https://androidpublisher.googleapis.test';
export const TOKEN = 'https://oauth2.googleapis.test';
export const PKG = 'com.acme.shop';
export const ANN_REVIEW = 'gp:AOqpTOHannParcelLate';
export const REVIEWS = `/androidpublisher/v3/applications/${PKG}/reviews`;

// A key pair made for the tests: the token endpoint checks the service account's signed assertion with it.
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

export const playEnv = {
  GOOGLE_PLAY_SERVICE_ACCOUNT_JSON: JSON.stringify({
    type: 'service_account',
    client_email: 'first-reply@acme-play.iam.gserviceaccount.com',
    private_key: privatePem,
    token_uri: `${TOKEN}/token`,
  }),
  GOOGLE_PLAY_PACKAGES: PKG,
  GOOGLE_PLAY_API_URL: API,
  GOOGLE_PLAY_POLL_INTERVAL_SECONDS: '3600',
};

/** The token endpoint of the JWT bearer grant: the assertion's signature and claims checked, else 400 invalid_grant. */
export function tokenEndpoint() {
  const claims: Record<string, unknown>[] = [];
  nock(TOKEN)
    .post('/token')
    .times(20)
    .reply((_uri, body) => {
      const form = new URLSearchParams(String(body));
      const [head, payload, signature] = (form.get('assertion') ?? '').split('.');
      const ok =
        form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:jwt-bearer' &&
        createVerify('RSA-SHA256')
          .update(`${head}.${payload}`)
          .verify(keys.publicKey, Buffer.from(signature ?? '', 'base64url'));
      if (!ok) return [400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }];
      claims.push(JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>);
      return [200, fixture('google-play', 'token')];
    });
  return claims;
}

/**
 * reviews.list: Ann's and Bob's reviews (made recent) once `serving()` says so, else none. Their times
 * are fixed when the stand-in is installed: a review served again is the same version of it (a new time
 * would be an edit, a mention of its own).
 */
export function reviewsEndpoint(serving: () => boolean) {
  const now = Math.floor(Date.now() / 1000);
  nock(API)
    .get(REVIEWS)
    .query(true)
    .times(50)
    .reply(() => {
      const page = fixture('google-play', 'reviews');
      page.reviews[0].comments[0].userComment.lastModified.seconds = String(now);
      page.reviews[1].comments[0].userComment.lastModified.seconds = String(now - 60);
      page.reviews[1].comments[1].developerComment.lastModified.seconds = String(now - 30);
      return [200, serving() ? page : {}];
    });
}
