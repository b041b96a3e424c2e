import { afterEach, describe, expect, it } from 'vitest';
import { ChannelSendError } from '../../bot/channels/channel.js';
import { createMastodonApi } from '../../bot/channels/mastodon/mastodon-api.js';
import { createXApi } from '../../bot/channels/x/x-api.js';
import { startStandInPlatform, type StandInPlatform } from './stand-in-platform.js';

/** The stand-in answers the channels' own API clients as the real platforms do. */
describe('stand-in platform, spoken to by the real API clients', () => {
  let platform: StandInPlatform;
  afterEach(async () => platform?.close());

  it('Mastodon: a repeated Idempotency-Key gets the same status back, posted once; a 429 says when to come back', async () => {
    platform = await startStandInPlatform({ limit: 50, windowMs: 60_000 });
    const api = createMastodonApi({ baseUrl: platform.url, token: 'token' });
    expect(await api.maxCharacters()).toBe(500);
    const input = {
      status: '@ann sorry your parcel is late',
      inReplyToId: '1001',
      visibility: 'unlisted',
      idempotencyKey: 'mastodon:1001:0',
    };
    const first = await api.reply(input);
    expect(await api.reply(input)).toBe(first);
    expect(platform.posts).toHaveLength(1);
    expect(platform.posts[0]).toMatchObject({ api: 'mastodon', inReplyTo: '1001', idempotencyKey: 'mastodon:1001:0' });

    const [fault] = platform.plan([{ mode: 'rate_limited', durationMs: 5000 }]);
    const err = await api.reply({ ...input, inReplyToId: '1002', idempotencyKey: 'mastodon:1002:0' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelSendError);
    expect((err as ChannelSendError).kind).toBe('rate_limited');
    // X-RateLimit-Reset is an ISO time at millisecond precision: the fault's end exactly.
    expect((err as ChannelSendError).retryAt).toBe(fault!.until);
    expect(platform.duplicates()).toEqual([]);
  });

  it('Mastodon: one window for the account, never exceeded by calls side by side', async () => {
    platform = await startStandInPlatform({ limit: 4, windowMs: 60_000 });
    const api = createMastodonApi({ baseUrl: platform.url, token: 'token' });
    await api.maxCharacters(); // any endpoint counts
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        api.reply({
          status: `@c${i} hello`,
          inReplyToId: String(5000 + i),
          visibility: 'public',
          idempotencyKey: `mastodon:${5000 + i}:0`,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(platform.requests).toHaveLength(4);
    expect(platform.overLimit()).toBe(0);
  });

  it("X: the window's limit holds for calls made side by side, and a 5xx is a transient error", async () => {
    platform = await startStandInPlatform({ limit: 5, windowMs: 60_000 });
    const api = createXApi({ baseUrl: platform.url, accessToken: 'token' });
    // One call learns the window; then ten at once: four fit, the others are refused here, not sent.
    await api.reply('@ann hello', '2000');
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => api.reply(`@c${i} hello`, String(2001 + i))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    for (const r of results.filter((r) => r.status === 'rejected'))
      expect(((r as PromiseRejectedResult).reason as ChannelSendError).kind).toBe('rate_limited');
    expect(platform.requests).toHaveLength(5);
    expect(platform.overLimit()).toBe(0);

    // A call that goes out anyway (another client) is refused by the platform with a 429.
    const other = createXApi({ baseUrl: platform.url, accessToken: 'token' });
    expect(((await other.reply('@dee hello', '3000').catch((e: unknown) => e)) as ChannelSendError).kind).toBe('rate_limited');
    expect(platform.overLimit()).toBe(1);
  });

  it('X: a 5xx is transient, slow answers arrive late, and the same text twice in a thread is refused as duplicate content', async () => {
    platform = await startStandInPlatform();
    const api = createXApi({ baseUrl: platform.url, accessToken: 'token' });
    platform.plan([
      { mode: 'server_error', durationMs: 300 },
      { mode: 'slow', durationMs: 1000, delayMs: 400 },
    ]);
    expect(((await api.reply('@ann hello', '4000').catch((e: unknown) => e)) as ChannelSendError).kind).toBe('transient');
    await new Promise((r) => setTimeout(r, 350));
    const t0 = Date.now();
    await api.reply('@ann hello', '4000');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(390);
    const again = (await api.reply('@ann hello', '4000').catch((e: unknown) => e)) as ChannelSendError;
    expect(again.kind).toBe('permanent');
    expect(again.message).toMatch(/duplicate content/);
    expect(platform.posts).toHaveLength(1);
  });
});
