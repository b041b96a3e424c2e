import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createXChannel } from '../../../../bot/channels/x/x-channel.js';
import { platformService, storedMentions } from '../../../helpers/platform-service.js';
import type { RunningService } from '../../../helpers/start-service.js';

const SECRET = 'x-consumer-secret-for-hardening';
const BRAND_ID = '1600000000000000001';
const env = { X_CONSUMER_SECRET: SECRET, X_ACCESS_TOKEN: 'user-token', X_USER_ID: BRAND_ID, X_API_URL: 'https://api.x.test' };
const PHISH = 'x FREE GIFT CARDS at https://phish.example/claim -';

const sign = (body: string) => `sha256=${createHmac('sha256', SECRET).update(body).digest('base64')}`;

/** A tweet as Account Activity delivers it; `over` replaces or removes (undefined) fields. */
function tweet(id: string, over: Record<string, unknown> = {}) {
  const t: Record<string, unknown> = {
    created_at: 'Mon Nov 23 20:41:07 +0000 2026',
    id_str: id,
    text: `@acme where is my parcel ${id}`,
    in_reply_to_status_id_str: null,
    user: { id_str: '1500000000000000042', screen_name: 'ann_example' },
    ...over,
  };
  for (const [k, v] of Object.entries(over)) if (v === undefined) delete t[k];
  return t;
}
const delivery = (...tweets: unknown[]) => JSON.stringify({ for_user_id: BRAND_ID, tweet_create_events: tweets });

async function post(s: RunningService, body: string, signature?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature) headers['x-twitter-webhooks-signature'] = signature;
  const res = await fetch(`${s.url}/webhooks/x`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as any };
}

describe('issue 14 finding 1 — the X CRC check is not a signing oracle', () => {
  const start = platformService(env, (settings) => createXChannel(settings.x!));

  it('finding 1: a CRC on a whole JSON delivery is refused, and that delivery posted with it is refused with nothing queued', async () => {
    const { service: s } = await start();
    const forged = delivery(tweet('8800000000000000001', { user: { id_str: '8800000000000000002', screen_name: PHISH } }));
    const crc = await fetch(`${s.url}/webhooks/x?crc_token=${encodeURIComponent(forged)}`);
    expect(crc.status).toBe(400);
    const answer = (await crc.json()) as { response_token?: string };
    expect(answer.response_token).toBeUndefined();
    // The attack: the CRC answer used as the delivery's signature. Nothing to use; and a guess fails.
    expect(
      (await post(s, forged, answer.response_token ?? `sha256=${createHmac('sha256', SECRET).update('x').digest('base64')}`)).status,
    ).toBe(401);
    // A HEAD does not answer it either.
    expect((await fetch(`${s.url}/webhooks/x?crc_token=${encodeURIComponent(forged)}`, { method: 'HEAD' })).status).toBe(400);
    // Tokens shaped like JSON in any part are refused: braces, quotes, colons, spaces.
    for (const token of ['{"a":1}', 'abcdefgh ijk', 'abcdefgh:ijk', '"abcdefghijk"', 'a'.repeat(129), 'short']) {
      expect((await fetch(`${s.url}/webhooks/x?crc_token=${encodeURIComponent(token)}`)).status, token).toBe(400);
    }
    const stats = await s.store.stats();
    expect(stats.mentions).toEqual({});
    expect(stats.outbox).toEqual({});
  });

  it("finding 1: tokens shaped like X's (base64 and base64url) still get their answer", async () => {
    const { service: s } = await start();
    for (const token of [
      'M2RkODJkZmMtYjlkYi00NmQ4LTk0MGUtM2JjYzkwM2Q4MjQ0',
      'Zm9vYmFyYmF6cXV4+/==',
      'Zm9vYmFyYmF6cXV4_-',
      '9b4507b3-9040-4669-9ff0-6a1c6b3a1f2e',
    ]) {
      const res = await fetch(`${s.url}/webhooks/x?crc_token=${encodeURIComponent(token)}&nonce=MTc2OTUxODI5MjkxNA`);
      expect(res.status, token).toBe(200);
      expect(await res.json()).toEqual({ response_token: `sha256=${createHmac('sha256', SECRET).update(token).digest('base64')}` });
    }
  });

  it('finding 1: a signed delivery whose screen_name X could not have sent is refused, never stored nor answered', async () => {
    const { service: s } = await start();
    for (const screenName of [PHISH, '\u202Eevil\u202C_rtl', 'a'.repeat(16), 'ann.smith']) {
      const body = delivery(tweet('8800000000000000011', { user: { id_str: '8800000000000000012', screen_name: screenName } }));
      expect((await post(s, body, sign(body))).status, screenName).toBe(400);
    }
    expect((await s.store.stats()).mentions).toEqual({});
    expect((await s.store.stats()).outbox).toEqual({});
  });
});

describe('issue 14 finding 5 — each X tweet checked on its own, strict types, 4xx not 5xx', () => {
  const start = platformService(env, (settings) => createXChannel(settings.x!));

  // Each of these answered 500 or was stored coerced before.
  const BAD: [string, Record<string, unknown>][] = [
    ['Invalid time value', { created_at: 'not a time' }],
    ['NOT NULL constraint (no id)', { id_str: undefined }],
    ['can only bind numbers (an object id)', { id_str: { a: 1 } }],
    ['can only bind numbers (a boolean id)', { id_str: true }],
    ['a number id, stored as "8800000004.0"', { id_str: 8800000004 }],
    ['screen_name null, stored as "@null"', { user: { id_str: '1500000000000000042', screen_name: null } }],
    ['screen_name an object, stored as "@[object Object]"', { user: { id_str: '1500000000000000042', screen_name: { a: 1 } } }],
    ['an empty id', { id_str: '' }],
    ['an empty user id', { user: { id_str: '', screen_name: 'ann' } }],
    ['no user', { user: undefined }],
    ['text a number', { text: 42 }],
    ['in_reply_to an object', { in_reply_to_status_id_str: { id: 1 } }],
  ];

  it('finding 5: each malformed tweet alone is refused with 400 and nothing is stored', async () => {
    const { service: s } = await start();
    for (const [what, over] of BAD) {
      const body = delivery(tweet('8800000000000000004', over));
      const res = await post(s, body, sign(body));
      expect(res.status, what).toBe(400);
      expect(res.body.message, what).toMatch(/no usable item: 1 refused/);
    }
    expect((await s.store.stats()).mentions).toEqual({});
  });

  it('finding 5: the good tweets of a mixed delivery are stored, the bad ones refused and logged without their values', async () => {
    let log = '';
    const logDestination = new Writable({ write: (chunk, _enc, done) => ((log += String(chunk)), done()) });
    const { service: s } = await start({ LOG_LEVEL: 'warn' }, { logDestination });
    const bad = BAD.map(([, over], i) => tweet(`88000000000000001${String(i).padStart(2, '0')}`, over));
    const body = delivery(tweet('8800000000000000201'), ...bad, tweet('8800000000000000202'));
    const res = await post(s, body, sign(body));
    expect(res).toEqual({ status: 200, body: { accepted: 2, duplicates: 0, refused: BAD.length } });
    const stored = await storedMentions(s);
    expect(stored.map((m) => m.platformId)).toEqual(['8800000000000000201', '8800000000000000202']);
    expect(stored.map((m) => m.author)).toEqual(['@ann_example', '@ann_example']);
    expect(stored[0]!.createdAt).toBe('2026-11-23T20:41:07.000Z');
    expect(log).toContain('x webhook: items refused');
    expect(log).toContain(`"refusedCount":${BAD.length}`);
    expect(log).not.toContain('not a time');
    expect(log).not.toContain(SECRET);
  });

  it('finding 5: a body that is not a delivery (null, a list, tweet_create_events not a list) is a 400', async () => {
    const { service: s } = await start();
    for (const body of [
      'null',
      '[]',
      '42',
      '"x"',
      JSON.stringify({ tweet_create_events: 'x' }),
      JSON.stringify({ tweet_create_events: [null] }),
    ]) {
      expect((await post(s, body, sign(body))).status, body).toBe(400);
    }
    // Other event kinds (no tweets) are acknowledged.
    const follows = JSON.stringify({ for_user_id: BRAND_ID, follow_events: [{}] });
    expect(await post(s, follows, sign(follows))).toEqual({ status: 200, body: { accepted: 0, duplicates: 0 } });
  });
});

describe('issue 14 — deliveries for another account of the app', () => {
  const start = platformService(env, (settings) => createXChannel(settings.x!));

  it('a signed delivery for another subscribed account (for_user_id) is acknowledged, not answered as the brand', async () => {
    const { service: s } = await start();
    const body = JSON.stringify({ for_user_id: '1700000000000000009', tweet_create_events: [tweet('8800000000000000301')] });
    expect(await post(s, body, sign(body))).toEqual({ status: 200, body: { accepted: 0, duplicates: 0 } });
    expect((await s.store.stats()).mentions).toEqual({});
  });
});
