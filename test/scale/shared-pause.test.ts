import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelSendError, type Channel } from '../../bot/channels/channel.js';
import { createOutboxSender, type OutboxSender } from '../../bot/outbox/outbox-sender.js';
import { createRedisStore } from '../../store/redis-store.js';
import type { Store } from '../../store/store.js';
import { waitFor } from '../helpers/start-service.js';
import { connectTestRedis, deletePrefix, REDIS_URL } from '../store/redis-test-backend.js';

/** The same platform seen from one instance: `limited` says whether it answers 429 right now. */
function platform(resetAt: number, limited: boolean) {
  const sent: { key: string; at: number }[] = [];
  const channel: Channel = {
    name: 'fake',
    limits: { maxLength: 100, measure: (t) => t.length },
    async send(reply) {
      if (limited && Date.now() < resetAt) throw new ChannelSendError('429 Too Many Requests', 'rate_limited', resetAt);
      sent.push({ key: reply.idempotencyKey, at: Date.now() });
      return { platformId: `p-${reply.id}` };
    },
  };
  return { channel, sent };
}

describe('rate-limit pauses on Redis', () => {
  const prefix = `first-reply-test:${randomUUID()}:`;
  const stores: Store[] = [];
  const senders: OutboxSender[] = [];
  afterEach(async () => {
    for (const s of senders) await s.stop();
    for (const s of stores) await s.close();
    await deletePrefix(REDIS_URL, prefix);
  });

  const openStore = async () => {
    const client = await connectTestRedis();
    const store = createRedisStore(client, prefix);
    stores.push(store);
    return store;
  };
  const startSender = (store: Store, channel: Channel) => {
    const sender = createOutboxSender({
      store,
      channels: new Map([[channel.name, channel]]),
      log: pino({ level: 'silent' }),
      maxAttempts: 2,
      retryBaseMs: 20,
      pollMs: 10,
    });
    senders.push(sender);
    sender.start();
    return sender;
  };
  async function queue(store: Store, ids: string[]) {
    for (const id of ids)
      await store.acceptMention(
        { channel: 'fake', platformId: id, threadId: id, author: '@ann', text: 'x', createdAt: '' },
        Date.now(),
        Date.now() + 60_000,
      );
    for (const m of await store.claimMentions(100, Date.now(), 10_000)) {
      await store.commitTurn(
        m,
        { status: 'answered', decision: {}, replies: [{ text: `re ${m.platformId}`, kind: 'answer' }] },
        Date.now(),
      );
    }
  }

  it('holds a channel on every instance once one of them is rate limited', async () => {
    const resetAt = Date.now() + 1500;
    const [a, b] = [await openStore(), await openStore()];
    const first = platform(resetAt, true);
    await queue(a, ['m0']);
    startSender(a, first.channel);
    const until = await waitFor(async () => (await b.pausedChannels(Date.now())).fake, 2000, 'the pause to reach the store');
    expect(until).toBe(resetAt);

    // The second instance's view of the platform would take the replies at once: only the shared pause holds them.
    const second = platform(resetAt, false);
    const secondSender = startSender(b, second.channel);
    await queue(b, ['m1', 'm2', 'm3']);
    await new Promise((r) => setTimeout(r, 200));
    expect(second.sent).toEqual([]);
    expect(secondSender.pausedChannels()).toEqual({ fake: resetAt });

    await waitFor(() => (first.sent.length + second.sent.length === 4 ? true : undefined), 5000, 'all four replies');
    const all = [...first.sent, ...second.sent];
    expect(all.every((s) => s.at >= resetAt)).toBe(true);
    expect(new Set(all.map((s) => s.key)).size).toBe(4);
    expect((await a.stats()).outbox).toEqual({ sent: 4 });
  });
});
