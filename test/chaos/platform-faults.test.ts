import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startService, waitFor, type RunningService } from '../helpers/start-service.js';
import { startStandInPlatform, type FaultStep, type StandInPlatform } from './stand-in-platform.js';
import { deliverX, xChannelEnv, xMentionDelivery } from './x-deliveries.js';

const MENTIONS = 40;
/** The stand-in's rate limit: fewer calls per window than there are replies to send at once after the outage. */
const LIMIT = 15;
const WINDOW_MS = 2000;

/**
 * The X channel pointed at a stand-in X that refuses with 429 (x-rate-limit-reset at the end of the
 * outage) and then with 503 while mentions keep arriving: every reply goes out after recovery, none
 * twice, and the service never calls while the platform told it to wait nor beyond its window's limit.
 */
describe('platform faults: X answers 429, then 5xx, while mentions arrive', () => {
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

  async function run(steps: FaultStep[]) {
    platform = await startStandInPlatform({ limit: LIMIT, windowMs: WINDOW_MS });
    service = await startService({
      ...xChannelEnv(platform.url),
      SANDBOX_ENABLED: 'false',
      UNDERSTANDING: 'keyword',
      OUTBOX_RETRY_BASE_MS: '100',
    });
    const faults = platform.plan(steps);
    const end = platform.faultsEnd();
    // Mentions spread over the outage, each delivered once (a 200 means stored).
    const statuses: number[] = [];
    const spacing = ((end - Date.now()) * 0.6) / MENTIONS;
    for (let i = 0; i < MENTIONS; i++) {
      statuses.push(await deliverX(service.url, xMentionDelivery(i)));
      await new Promise((r) => setTimeout(r, spacing));
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(Date.now()).toBeLessThan(end);
    const s = service;
    await waitFor(async () => ((await s.store.stats()).outbox.sent === MENTIONS ? true : undefined), 30_000, `${MENTIONS} replies sent`);
    await new Promise((r) => setTimeout(r, 500)); // a second copy would arrive now
    return { faults, end };
  }

  it('sends every reply once after recovery and never exceeds the rate limit', async () => {
    const { faults, end } = await run([
      { mode: 'rate_limited', durationMs: 3500 },
      { mode: 'server_error', durationMs: 2500, status: 503 },
    ]);
    const codes = (from: number, until: number) => platform.requests.filter((r) => r.at >= from && r.at < until).map((r) => r.status);
    // The faults were met (the outbox tried during each), and nothing got through before recovery.
    expect(codes(faults[0]!.from, faults[0]!.until)).toContain(429);
    expect(codes(faults[1]!.from, faults[1]!.until)).toContain(503);
    expect(platform.posts.filter((p) => p.at < end)).toEqual([]);
    // Every mention answered exactly once, in reply to its own tweet.
    const expected = Array.from({ length: MENTIONS }, (_, i) => xMentionDelivery(i).tweetId).sort();
    expect(platform.posts.map((p) => p.inReplyTo).sort()).toEqual(expected);
    expect(platform.duplicates()).toEqual([]);
    expect((await service!.store.stats()).outbox).toEqual({ sent: MENTIONS });
    // The rate limit: no call while a reset was announced, none beyond a window's calls.
    expect(platform.ignoredWaits()).toBe(0);
    expect(platform.overLimit()).toBe(0);
    expect(platform.maxPerWindow('x')).toBeLessThanOrEqual(LIMIT);
  }, 60_000);

  it('waits out slow answers without sending twice', async () => {
    // Slower than the outbox's patience is not tested here (the X client gives up after 15 s): 1.5 s answers.
    await run([{ mode: 'slow', durationMs: 4000, delayMs: 1500 }]);
    expect(platform.posts).toHaveLength(MENTIONS);
    expect(platform.duplicates()).toEqual([]);
    expect(platform.overLimit()).toBe(0);
  }, 60_000);
});
