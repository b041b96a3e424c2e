import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startService, waitFor, type RunningService } from '../helpers/start-service.js';
import { startStandInPlatform, type StandInPlatform } from './stand-in-platform.js';
import { deliverX, xChannelEnv, xMentionDelivery } from './x-deliveries.js';

const MENTIONS = 40;

/**
 * The short version of `npm run chaos -- platform-down`: the stand-in X refuses every connection for
 * 20 s, then answers 503 for 10 s, while mentions keep arriving. The old outbox gave a reply up after
 * 8 attempts (here about 13-25 s with its backoff); now every reply goes out once the platform is back,
 * none twice. The backoff is shortened (first delay 200 ms, at most 3 s) so the test ends soon after.
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
      OUTBOX_RETRY_BASE_MS: '200',
      OUTBOX_RETRY_MAX_DELAY_SECONDS: '3',
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
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(Date.now()).toBeLessThan(end);
    const s = service;
    await waitFor(async () => {
      const outbox = (await s.store.stats()).outbox;
      return (outbox.sent ?? 0) + (outbox.failed ?? 0) === MENTIONS ? true : undefined;
    }, 30_000, `${MENTIONS} replies settled`);
    await new Promise((r) => setTimeout(r, 1000)); // a second copy would arrive now

    // The outage was real: nothing reached the platform while it was down, 503s while it answered so.
    expect(platform.requests.filter((r) => r.at >= down!.from && r.at < down!.until)).toEqual([]);
    expect(platform.requests.filter((r) => r.at >= unavailable!.from && r.at < unavailable!.until).map((r) => r.status)).toContain(503);
    expect(platform.posts.filter((p) => p.at < end)).toHaveLength(platform.posts.filter((p) => p.at < down!.from).length);
    // Every mention answered exactly once, in reply to its own tweet; none given up.
    const expected = Array.from({ length: MENTIONS }, (_, i) => xMentionDelivery(i, 14).tweetId).sort();
    expect(platform.posts.map((p) => p.inReplyTo).sort()).toEqual(expected);
    expect(platform.duplicates()).toEqual([]);
    expect((await s.store.stats()).outbox).toEqual({ sent: MENTIONS });
  }, 90_000);
});
