// Google Business Profile reviews by Pub/Sub push: the OIDC token checked against Google's keys
// (stood in with nock, as every platform), the review read and taken in through the poll's dedupe.
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createGbpChannel } from '../../../../bot/channels/gbp/gbp-channel.js';
import { fixture } from '../../../fixtures/load-fixture.js';
import { platformService, storedMentions } from '../../../helpers/platform-service.js';
import { postJson, type RunningService, waitFor } from '../../../helpers/start-service.js';
import { ACCOUNT, ANN_REVIEW, GBP_API, gbpEnv, LOCATION, reviewsNow, tokenStandIn } from './gbp-stand-in.js';

const AUDIENCE = 'https://replies.acme.example/webhooks/gbp';
const PUSHER = 'gbp-push@acme-reviews.iam.gserviceaccount.com';
const pushEnv = { ...gbpEnv, GBP_PUSH_AUDIENCE: AUDIENCE, GBP_PUSH_SERVICE_ACCOUNT: PUSHER };

const keyPair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const google = { kid1: keyPair(), kid2: keyPair() };
const attacker = keyPair();
const jwk = (kid: string, key: KeyObject) => ({ ...key.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' });

/** Google's JWKS endpoint (default URL) serving `kids` in turn, one answer per fetch, counted. */
function googleKeys(...answers: (('kid1' | 'kid2')[] | number)[]) {
  let fetches = 0;
  nock('https://www.googleapis.com')
    .get('/oauth2/v3/certs')
    .times(20)
    .reply(() => {
      const a = answers[Math.min(fetches++, answers.length - 1)]!;
      if (typeof a === 'number') return [a, { error: 'backend' }];
      return [200, { keys: a.map((k) => jwk(k, google[k].publicKey)) }, { 'cache-control': 'public, max-age=21600, must-revalidate' }];
    });
  return { fetches: () => fetches };
}

/** An OIDC token as Pub/Sub signs it (the claims of Google's documented example), with `over` applied. */
function token(over: Record<string, unknown> = {}, kid: 'kid1' | 'kid2' = 'kid1', key: KeyObject = google[kid].privateKey, alg = 'RS256') {
  const now = Math.floor(Date.now() / 1000);
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = `${part({ alg, kid, typ: 'JWT' })}.${part({
    aud: AUDIENCE,
    azp: '113774264463038321964',
    email: PUSHER,
    email_verified: true,
    exp: now + 3600,
    iat: now,
    iss: 'https://accounts.google.com',
    sub: '113774264463038321964',
    ...over,
  })}`;
  return `Bearer ${head}.${sign('RSA-SHA256', Buffer.from(head), key).toString('base64url')}`;
}

const notice = (over: Record<string, unknown> = {}) => ({
  type: 'NEW_REVIEW',
  reviewName: ANN_REVIEW,
  locationName: `accounts/${ACCOUNT}/locations/${LOCATION}`,
  ...over,
});
const push = (data: unknown, messageId = '2070443601311540') => {
  const body = fixture<{ message: Record<string, unknown> }>('gbp', 'pubsub-push');
  body.message.data = Buffer.from(typeof data === 'string' ? data : JSON.stringify(data)).toString('base64');
  body.message.messageId = body.message.message_id = messageId;
  return body;
};

/** The Business Profile API: the list (empty until `listing`), the review's get (or `getStatus`), the reply. */
function profile(getStatus = [200]) {
  const state = { listing: false, reads: 0, replies: [] as string[] };
  const list = reviewsNow();
  tokenStandIn();
  nock(GBP_API)
    .get(`/v4/accounts/${ACCOUNT}/locations/${LOCATION}/reviews`)
    .query(true)
    .times(20)
    .reply(() => [200, state.listing ? list : { reviews: [] }]);
  nock(GBP_API)
    .get(`/v4/${ANN_REVIEW}`)
    .times(20)
    .reply(() => {
      const status = getStatus[Math.min(state.reads++, getStatus.length - 1)]!;
      return status === 200 ? [200, list.reviews[0]] : [status, { error: { code: status, status: 'UNAVAILABLE', message: 'backend' } }];
    });
  nock(GBP_API)
    .put(`/v4/${ANN_REVIEW}/reply`)
    .times(10)
    .reply((_uri, body) => {
      state.replies.push((body as { comment: string }).comment);
      return [200, { comment: (body as { comment: string }).comment, updateTime: new Date().toISOString() }];
    });
  return state;
}

const send = (s: RunningService, body: unknown, authorization?: string) =>
  postJson(`${s.url}/webhooks/gbp`, body, authorization ? { authorization } : {});

describe('Google Business Profile: Pub/Sub push', () => {
  const startWith = platformService(pushEnv, (s) => createGbpChannel(s.gbp!));

  it('a pushed review is read and answered once; the same push again and the poll finding it add nothing; the keys fetched once', async () => {
    const keys = googleKeys(['kid1']);
    const state = profile();
    const { service, channel } = await startWith();
    expect((await send(service, push(notice()), token())).status).toBe(204);
    const [stored, ...more] = await storedMentions(service);
    expect(more).toHaveLength(0);
    expect(stored).toMatchObject({ channel: 'gbp', threadId: ANN_REVIEW, platformId: expect.stringMatching(`^${ANN_REVIEW}@`) });
    await waitFor(async () => ((await service.store.stats()).outbox.sent === 1 ? true : undefined), 10_000, 'the reply sent');
    // Pub/Sub redelivers (at least once), and the poll sees the same review.
    expect((await send(service, push(notice(), '2070443601311541'), token())).status).toBe(204);
    state.listing = true;
    expect(await channel.pollOnce()).toBe(0);
    expect(await storedMentions(service)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(state.replies).toHaveLength(1);
    expect(keys.fetches()).toBe(1);
  });

  it('refuses with 401 and reads nothing: no token, another key, wrong audience, service account, issuer, an expired token, alg none', async () => {
    googleKeys(['kid1']);
    const state = profile();
    const { service } = await startWith();
    const none = `${Buffer.from('{"alg":"none","kid":"kid1"}').toString('base64url')}.${token().split('.')[1]}.`;
    const refused = [
      undefined,
      'Bearer not-a-jwt',
      token({}, 'kid1', attacker.privateKey),
      token({ aud: 'https://attacker.example/webhooks/gbp' }),
      token({ email: 'someone@attacker.iam.gserviceaccount.com' }),
      token({ email_verified: false }),
      token({ iss: 'https://attacker.example' }),
      token({ exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 }),
      `Bearer ${none}`,
      token({}, 'kid1', google.kid1.privateKey, 'HS256'),
    ];
    for (const authorization of refused) expect((await send(service, push(notice()), authorization)).status).toBe(401);
    expect(state.reads).toBe(0);
    expect((await service.store.stats()).mentions).toEqual({});
  });

  it('answers 4xx to bad input from a good sender, and ignores what is not a configured review', async () => {
    googleKeys(['kid1']);
    const state = profile();
    const { service } = await startWith();
    const bad = [
      push('not json'),
      push(notice({ reviewName: 'accounts/1/locations/2/reviews/../../x' })),
      push({ type: 'NEW_REVIEW' }),
      { subscription: 'projects/acme-reviews/subscriptions/gbp-first-reply' },
      { ...push(notice()), subscription: 'https://attacker.example' },
      { ...push(notice()), message: { ...push(notice()).message, data: '%%%not-base64' } },
    ];
    for (const body of bad) expect((await send(service, body, token())).status).toBe(400);
    const huge = push({ ...notice(), padding: 'x'.repeat(100_000) });
    expect((await send(service, huge, token())).status).toBe(413);
    // A Google update of the location, and another location's review: acknowledged, not read.
    expect(
      (await send(service, push({ type: 'GOOGLE_UPDATE', locationName: `accounts/${ACCOUNT}/locations/${LOCATION}` }), token())).status,
    ).toBe(204);
    const elsewhere = `accounts/${ACCOUNT}/locations/4100000000000000999/reviews/AbFvOqlOther`;
    expect((await send(service, push(notice({ reviewName: elsewhere })), token())).status).toBe(204);
    expect(state.reads).toBe(0);
    expect((await service.store.stats()).mentions).toEqual({});
  });

  it('nothing lost: Google unreadable answers 503 (Pub/Sub delivers again), and the redelivery is taken in', async () => {
    googleKeys(500, ['kid1']);
    const state = profile([503, 200]);
    const { service } = await startWith();
    // Keys unavailable, then the review unavailable: both 503, nothing stored.
    expect((await send(service, push(notice()), token())).status).toBe(503);
    expect((await send(service, push(notice()), token())).status).toBe(503);
    expect((await service.store.stats()).mentions).toEqual({});
    expect((await send(service, push(notice()), token())).status).toBe(204);
    expect(await storedMentions(service)).toHaveLength(1);
    expect(state.reads).toBe(2);
  });

  it('a token with a kid unknown right after the keys were read is refused without reading them again (no fetch per forged kid)', async () => {
    const keys = googleKeys(['kid1'], ['kid1', 'kid2']);
    profile();
    const { service } = await startWith();
    expect((await send(service, push({ type: 'GOOGLE_UPDATE' }), token())).status).toBe(204);
    // A new kid right after the first fetch: not fetched again so soon, refused.
    expect((await send(service, push({ type: 'GOOGLE_UPDATE' }), token({}, 'kid2'))).status).toBe(401);
    expect(keys.fetches()).toBe(1);
  });
});
