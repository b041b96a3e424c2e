import nock from 'nock';
import { fixture } from '../../../fixtures/load-fixture.js';
import type { PostedReply, StandInAnswer } from '../channel-contract.js';

export const GBP_API = 'https://mybusiness.googleapis.test';
export const GBP_TOKEN = 'https://oauth2.googleapis.test';
export const ACCOUNT = '108000000000000000001';
export const LOCATION = '4100000000000000001';
export const ANN_REVIEW = `accounts/${ACCOUNT}/locations/${LOCATION}/reviews/AbFvOqlReviewAnn001`;
export const gbpEnv = {
  GBP_ACCOUNT_ID: ACCOUNT,
  GBP_LOCATION_IDS: LOCATION,
  GBP_CLIENT_ID: 'client-id.apps.googleusercontent.test',
  GBP_CLIENT_SECRET: 'client-secret',
  GBP_REFRESH_TOKEN: 'refresh-token',
  GBP_POLL_INTERVAL_SECONDS: '3600',
  GBP_API_URL: GBP_API,
  GBP_TOKEN_URL: `${GBP_TOKEN}/token`,
};

/** The location's reviews, updated now (the first poll skips what is older than an hour), `edit` applied to each. */
export function reviewsNow(edit: (r: Record<string, any>) => void = () => {}) {
  const list = fixture<{ reviews: Record<string, any>[] }>('gbp', 'reviews-list');
  const now = Date.now();
  list.reviews.forEach((r, i) => {
    r.createTime = r.updateTime = new Date(now - i * 1000).toISOString();
    edit(r);
  });
  return list;
}

/** Google's OAuth token endpoint: a refresh token exchanged for an hour's access token. */
export function tokenStandIn() {
  nock(GBP_TOKEN).post('/token').times(20).reply(200, { access_token: 'ya29.access', expires_in: 3599, token_type: 'Bearer' });
}

/** updateReply's answers: the reply, a quota refusal (Retry-After 1 s), the review gone. */
function answer(kind: StandInAnswer, comment: string): [number, nock.Body, Record<string, string>] {
  if (kind === 'ok') return [200, { comment, updateTime: new Date().toISOString() }, {}];
  if (kind === 'rate_limited') return [429, fixture('gbp', 'quota-exceeded'), { 'retry-after': '1' }];
  return [404, fixture('gbp', 'review-not-found'), {}];
}

export function gbpStandIn(answers: StandInAnswer[], serving: () => boolean) {
  const posts: PostedReply[] = [];
  tokenStandIn();
  // Written once: the same review served again is a duplicate delivery, not an edit.
  const reviews = reviewsNow();
  nock(GBP_API)
    .get(`/v4/accounts/${ACCOUNT}/locations/${LOCATION}/reviews`)
    .query(true)
    .times(20)
    .reply(() => [200, serving() ? reviews : { reviews: [] }]);
  nock(GBP_API)
    .put(/^\/v4\/accounts\/\d+\/locations\/\d+\/reviews\/[A-Za-z0-9_-]+\/reply$/)
    .times(50)
    .reply((uri, body) => {
      const comment = (body as { comment: string }).comment;
      posts.push({ at: Date.now(), text: comment, inReplyTo: uri.slice('/v4/'.length, -'/reply'.length) });
      return answer(answers[posts.length - 1] ?? answers[answers.length - 1]!, comment);
    });
  return { posts };
}
