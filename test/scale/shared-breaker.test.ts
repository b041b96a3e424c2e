import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelSendError, type Channel } from '../../bot/channels/channel.js';
import { createOutboxSender, type OutboxSender } from '../../bot/outbox/outbox-sender.js';
import { createRedisStore } from '../../store/redis-store.js';
import type { Store } from '../../store/store.js';
import { waitFor } from '../helpers/start-service.js';
import { connectTestRedis, deletePrefix, REDIS_URL } from '../store/redis-test-backend.js';

const MIN = 60_000;

describe('issue 14 finding 3 (circuit breaker) — several instances on one Redis', () => {
  const prefix = `first-reply-test:${randomUUID()}:`;
  const stores: Store[] = [];
  const senders: OutboxSender[] = [];
  let ticker: NodeJS.Timeout | undefined;
  afterEach(async () => {
    clearInterval(ticker);
    for (const s of senders) await s.stop();
    for (const s of stores) await s.close();
    await deletePrefix(REDIS_URL, prefix);
  });

  it('finding 3 (circuit breaker, 5 instances): a platform down for 20 minutes gets one probe per interval from all of them together (at most 2 calls a minute, 3 in a minute where intervals meet), and every reply once after it is back', async () => {
    let clock = Date.now();
    const start = clock;
    const downUntil = start + 20 * MIN;
    const calls: number[] = [];
    const sent: string[] = [];
    let firstSuccessAt: number | undefined;
    // One platform, as the five instances see it.
    const channel: Channel = {
      name: 'fake',
      limits: { maxLength: 100, measure: (t) => t.length },
      async send(reply) {
        calls.push(clock);
        if (clock < downUntil) throw new ChannelSendError('X reply: HTTP 503 Service Unavailable', 'transient');
        if (firstSuccessAt === undefined) {
          firstSuccessAt = clock;
          clearInterval(ticker);
          ticker = setInterval(() => (clock += 100), 20);
        }
        sent.push(reply.idempotencyKey);
        return { platformId: `p-${reply.id}` };
      },
    };
    for (let i = 0; i < 5; i++) stores.push(createRedisStore(await connectTestRedis(), prefix));
    const store = stores[0]!;
    for (let i = 0; i < 40; i++)
      await store.acceptMention(
        { channel: 'fake', platformId: `m${i}`, threadId: `t${i}`, author: '@ann', text: 'x', createdAt: '' },
        clock,
        clock + 60_000,
      );
    for (const m of await store.claimMentions(100, clock, 10_000)) {
      await store.commitTurn(m, { status: 'answered', decision: {}, replies: [{ text: `re ${m.platformId}`, kind: 'answer' }] }, clock);
    }
    for (const s of stores) {
      const sender = createOutboxSender({
        store: s,
        channels: new Map([[channel.name, channel]]),
        log: pino({ level: 'silent' }),
        retryBaseMs: 1000,
        pollMs: 5,
        now: () => clock,
        batchSize: 8,
      });
      senders.push(sender);
      sender.start();
    }
    ticker = setInterval(() => (clock += 1000), 4);
    await waitFor(() => (sent.length === 40 ? true : undefined), 40_000, '40 replies sent');
    await new Promise((r) => setTimeout(r, 200)); // a second copy would come now
    const during = calls.filter((at) => at < downUntil);
    const perMinute = Array.from(
      { length: 20 },
      (_, k) => during.filter((at) => at >= start + k * MIN && at < start + (k + 1) * MIN).length,
    );
    // Without one probe turn per interval for all, each instance would probe on its own (twice a minute each).
    expect(Math.max(...perMinute.slice(1))).toBeLessThanOrEqual(3);
    expect(perMinute.slice(1).reduce((a, b) => a + b)).toBeLessThanOrEqual(19 * 2 + 2);
    expect(firstSuccessAt! - downUntil).toBeLessThanOrEqual(31_000);
    expect(new Set(sent).size).toBe(40);
    expect(sent).toHaveLength(40);
    expect((await store.stats()).outbox).toEqual({ sent: 40 });
  }, 90_000);
});
