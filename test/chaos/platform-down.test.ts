import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startService, waitFor, type RunningService } from '../helpers/start-service.js';
import { startStandInPlatform, type StandInPlatform } from './stand-in-platform.js';
import { deliverX, xChannelEnv, xMentionDelivery } from './x-deliveries.js';

const MENTIONS = 40;
/** Mentions that arrive once the platform is back, as they keep doing. */
const AFTER = 3;
/** The first answer goes out within the largest probe interval (30 s) of the platform's return... */
const FIRST_BOUND_MS = 32_000;
/** ...and the backlog this soon after it. */
const BACKLOG_BOUND_MS = 8000;
/** Calls while the platform answers 503 for 10 s: the circuit is open, a probe per interval at most. */
const CALLS_WHILE_503 = 2;

/**
 * The short version of `npm run chaos -- platform-down`: the stand-in X refuses every connection for
 * 20 s, then answers 503 for 10 s, while mentions keep arriving. The old outbox gave a reply up after
 * 8 attempts; now every reply goes out once the platform is back, none twice, with the service's
 * default backoff (first delay 1 s, doubling up to 5 min). After a few failures in a row the channel's
 * circuit opens: replies wait without a call each and one probe goes out per interval (5 s doubling to
 * 30 s); the first success brings the backlog forward, so it goes out within seconds of that probe.
 */
describe('issue 14 finding 3 — platform down for 30 s while mentions arrive', () => {
  let platform: StandInPlatform;
  let service: RunningService | undefined;
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  });
  afterEach(async () => {
    await service?.dispose();
    service = undefined;
    await platform?.close();
  });
  afterAll(() => nock.enableNetConnect());

  it('finding 3: every mention is answered once after the platform comes back, none lost, none doubled', async () => {
    platform = await startStandInPlatform({ limit: 300, windowMs: 60_000 });
    service = await startService({
      ...xChannelEnv(platform.url),
      SANDBOX_ENABLED: 'false',
      UNDERSTANDING: 'keyword',
    });
    const [, down, unavailable] = platform.plan([
      { mode: 'normal', durationMs: 1000 },
      { mode: 'down', durationMs: 20_000 },
      { mode: 'server_error', durationMs: 10_000, status: 503 },
    ]);
    const end = platform.faultsEnd();
    // Mentions from just before the outage to its last seconds, each delivered once (a 200 means stored).
    const statuses: number[] = [];
    const spacing = (end - 2000 - Date.now()) / MENTIONS;
    for (let i = 0; i < MENTIONS; i++) {
      statuses.push(await deliverX(service.url, xMentionDelivery(i, 14)));
      await new Promise((r) => setTimeout(r, spacing));
    }
    expect(Date.now()).toBeLessThan(end);
    await new Promise((r) => setTimeout(r, end - Date.now()));
    for (let i = MENTIONS; i < MENTIONS + AFTER; i++) {
      statuses.push(await deliverX(service.url, xMentionDelivery(i, 14)));
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    const s = service;
    await waitFor(
      async () => {
        const outbox = (await s.store.stats()).outbox;
        return (outbox.sent ?? 0) + (outbox.failed ?? 0) === MENTIONS + AFTER ? true : undefined;
      },
      90_000,
      `${MENTIONS + AFTER} replies settled`,
    );
    await new Promise((r) => setTimeout(r, 1000)); // a second copy would arrive now

    // The outage was real: nothing reached the platform while it was down, only 503s while it answered
    // so; and the circuit open, hardly any calls then (one per reply and backoff before it).
    expect(platform.requests.filter((r) => r.at >= down!.from && r.at < down!.until)).toEqual([]);
    const while503 = platform.requests.filter((r) => r.at >= unavailable!.from && r.at < unavailable!.until).map((r) => r.status);
    expect(while503.every((status) => status === 503)).toBe(true);
    expect(while503.length).toBeLessThanOrEqual(CALLS_WHILE_503);
    expect(platform.posts.filter((p) => p.at < end)).toHaveLength(platform.posts.filter((p) => p.at < down!.from).length);
    // Every mention answered exactly once, in reply to its own tweet; none given up.
    const expected = Array.from({ length: MENTIONS + AFTER }, (_, i) => xMentionDelivery(i, 14).tweetId).sort();
    expect(platform.posts.map((p) => p.inReplyTo).sort()).toEqual(expected);
    expect(platform.duplicates()).toEqual([]);
    expect((await s.store.stats()).outbox).toEqual({ sent: MENTIONS + AFTER });
    // The platform's return noticed within a probe interval, the backlog (mentions received during the
    // outage) answered within seconds of that.
    const firstAfter = Math.min(...platform.posts.filter((p) => p.at >= end).map((p) => p.at));
    expect(firstAfter - end).toBeLessThanOrEqual(FIRST_BOUND_MS);
    const backlog = new Set(Array.from({ length: MENTIONS }, (_, i) => xMentionDelivery(i, 14).tweetId));
    const backlogDone = Math.max(...platform.posts.filter((p) => backlog.has(p.inReplyTo)).map((p) => p.at));
    expect(backlogDone - firstAfter).toBeLessThanOrEqual(BACKLOG_BOUND_MS);
  }, 120_000);
});
