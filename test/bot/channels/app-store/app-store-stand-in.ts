import { generateKeyPairSync, verify } from 'node:crypto';
import nock from 'nock';
import { fixture } from '../../../fixtures/load-fixture.js';
import type { PostedReply, StandInAnswer } from '../channel-contract.js';

export const ASC_API = 'https://api.appstoreconnect.test';
export const APP_ID = '1500000001';
export const ANN_REVIEW = '00000051-a0b1-c2d3-0000-000000000101';
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
export const appStoreEnv = {
  APP_STORE_ISSUER_ID: '57246542-96fe-1a63-e053-0824d011072a',
  APP_STORE_KEY_ID: '2X9R4HXF34',
  // As an operator puts a .p8 key in one line: line ends written as \n.
  APP_STORE_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().replace(/\n/g, '\\n'),
  APP_STORE_APP_ID: APP_ID,
  APP_STORE_POLL_INTERVAL_SECONDS: '3600',
  APP_STORE_API_URL: ASC_API,
};

/** What Apple checks of a token: ES256 over header.payload with the key, our key id, issuer and audience, 20 minutes at most. */
export function validToken(authorization: string | undefined): boolean {
  const [h, p, s] = (authorization ?? '').replace(/^Bearer /, '').split('.');
  if (!h || !p || !s) return false;
  const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>;
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, number | string>;
  const signed = verify('sha256', Buffer.from(`${h}.${p}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'));
  return (
    signed &&
    header.alg === 'ES256' &&
    header.kid === appStoreEnv.APP_STORE_KEY_ID &&
    payload.iss === appStoreEnv.APP_STORE_ISSUER_ID &&
    payload.aud === 'appstoreconnect-v1' &&
    Number(payload.exp) - Number(payload.iat) <= 1200
  );
}

/** The app's reviews, made now (the first poll skips what is older than an hour). */
export function reviewsNow() {
  const list = fixture<{ data: Record<string, any>[] }>('app-store', 'customer-reviews');
  list.data.forEach((r, i) => {
    r.attributes.createdDate = new Date(Date.now() - i * 1000).toISOString();
  });
  return list;
}

const UNAUTHORIZED = { errors: [{ status: '401', code: 'NOT_AUTHORIZED', title: 'Authentication credentials are missing or invalid.' }] };

function answer(kind: StandInAnswer, reviewId: string, text: string): [number, nock.Body, Record<string, string>] {
  if (kind === 'ok')
    return [
      201,
      {
        data: {
          type: 'customerReviewResponses',
          id: `6a1f0000-0000-0000-0000-${reviewId.slice(-12)}`,
          attributes: { responseBody: text, lastModifiedDate: new Date().toISOString(), state: 'PENDING_PUBLISH' },
          relationships: { review: { data: { type: 'customerReviews', id: reviewId } } },
        },
      },
      {},
    ];
  if (kind === 'rate_limited') return [429, fixture('app-store', 'rate-limited'), { 'retry-after': '1' }];
  return [404, fixture('app-store', 'review-not-found'), {}];
}

export function appStoreStandIn(answers: StandInAnswer[], serving: () => boolean) {
  const posts: PostedReply[] = [];
  const reviews = reviewsNow();
  nock(ASC_API)
    .get(`/v1/apps/${APP_ID}/customerReviews`)
    .query(true)
    .times(20)
    .reply(function () {
      if (!validToken(this.req.headers.authorization as string)) return [401, UNAUTHORIZED];
      return [200, serving() ? reviews : { data: [], links: {}, meta: { paging: { total: 0, limit: 50 } } }];
    });
  nock(ASC_API)
    .post('/v1/customerReviewResponses')
    .times(50)
    .reply(function (_uri, body) {
      if (!validToken(this.req.headers.authorization as string)) return [401, UNAUTHORIZED];
      const data = (body as { data: { attributes: { responseBody: string }; relationships: { review: { data: { id: string } } } } }).data;
      posts.push({ at: Date.now(), text: data.attributes.responseBody, inReplyTo: data.relationships.review.data.id });
      return answer(
        answers[posts.length - 1] ?? answers[answers.length - 1]!,
        data.relationships.review.data.id,
        data.attributes.responseBody,
      );
    });
  return { posts };
}
