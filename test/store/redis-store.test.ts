import { describe, expect, it } from 'vitest';
import { answer, describeStoreContract, mention } from './store-contract.js';
import { createHash, randomUUID } from 'node:crypto';
import { createRedisStore } from '../../store/redis-store.js';
import { ACCEPT_MENTIONS } from '../../store/redis-mention-scripts.js';
import { connectTestRedis, deletePrefix, REDIS_URL, redisBackend } from './redis-test-backend.js';

describeStoreContract('Redis store', redisBackend);

describe('Redis store, several instances', () => {
  it("keeps other instances' leases when one instance starts", async () => {
    const b = redisBackend();
    const [a, c] = [await b.open(), await b.openAnother()];
    try {
      await a.acceptMention(mention('m1'), 1, 61);
      const [m] = await a.claimMentions(1, 2, 1000);
      await a.commitTurn(m!, answer(), 3);
      await a.acceptMention(mention('m2'), 4, 64);
      expect(await a.claimMentions(10, 5, 1000)).toHaveLength(1);
      expect(await a.claimDueReplies(10, 5, 1000, [])).toHaveLength(1);
      await c.releaseLeases(); // a second instance starts while the first works
      expect(await c.claimMentions(10, 6, 1000)).toHaveLength(0);
      expect(await c.claimDueReplies(10, 6, 1000, [])).toHaveLength(0);
      // ... and takes the work over once the first one's leases run out (it died).
      expect(await c.claimMentions(10, 1005, 1000)).toHaveLength(1);
      expect(await c.claimDueReplies(10, 1005, 1000, [])).toHaveLength(1);
    } finally {
      await a.close();
      await c.close();
      await b.dispose();
    }
  });

  it('sends every queued reply exactly once across three instances claiming at once', async () => {
    const b = redisBackend();
    const stores = [await b.open(), await b.openAnother(), await b.openAnother()];
    try {
      for (let i = 0; i < 150; i++) {
        await stores[0]!.acceptMention(mention(`m${i}`, { threadId: `t${i}` }), 1, 61);
      }
      const claimed = (await Promise.all(stores.map((s) => s.claimMentions(200, 2, 1000)))).flat();
      const committed = await Promise.all(
        stores.map((s) =>
          s.commitTurns(
            claimed.map((m) => ({ mention: m, outcome: answer(`reply ${m.platformId}`) })),
            3,
          ),
        ),
      );
      expect(committed.flat().filter(Boolean)).toHaveLength(150);
      const seen: number[] = [];
      for (let round = 0; round < 10; round++) {
        const batches = await Promise.all(stores.map((s) => s.claimDueReplies(16, 10 + round, 60_000, [])));
        for (const [i, batch] of batches.entries())
          await stores[i]!.markRepliesSent(
            batch.map((r) => ({ id: r.id, platformId: `p${r.id}` })),
            10 + round,
          );
        seen.push(...batches.flat().map((r) => r.id));
      }
      expect(seen).toHaveLength(150);
      expect(new Set(seen).size).toBe(150);
      expect((await stores[0]!.stats()).outbox).toEqual({ sent: 150 });
    } finally {
      for (const s of stores) await s.close();
      await b.dispose();
    }
  });
});

describe('Redis store, long mentions', () => {
  it('finding 2: accepts of many long mentions at one moment go in several script calls, each within the step budget of text', async () => {
    const prefix = `first-reply-test:${randomUUID()}:`;
    const client = await connectTestRedis();
    // The real connection, its accept script calls recorded: how much mention text each carried.
    const acceptSha = createHash('sha1').update(ACCEPT_MENTIONS).digest('hex');
    const calls: number[] = [];
    const send = client.sendCommand.bind(client);
    client.sendCommand = ((args: string[], ...rest: unknown[]) => {
      if ((args[0] === 'EVALSHA' && args[1] === acceptSha) || (args[0] === 'EVAL' && args[1] === ACCEPT_MENTIONS)) {
        // ARGV: prefix, then 11 fields a mention, the text sixth.
        let bytes = 0;
        for (let i = 4; i < args.length; i += 11) bytes += Buffer.byteLength(args[i + 5]!);
        calls.push(bytes);
      }
      return (send as (...a: unknown[]) => unknown)(args, ...rest);
    }) as typeof client.sendCommand;
    const store = createRedisStore(client, prefix);
    try {
      const long = 'z'.repeat(400_000);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.acceptMention(mention(`long${i}`, { threadId: `long${i}`, text: long }), 1, 61)),
      );
      expect(new Set(results.map((r) => r.mentionId)).size).toBe(20);
      expect(calls.length).toBeGreaterThanOrEqual(10);
      expect(Math.max(...calls)).toBeLessThanOrEqual(1024 * 1024);
      expect(calls.reduce((a, b) => a + b, 0)).toBe(20 * 400_000);
      expect((await store.getMention(results[19]!.mentionId))!.text).toBe(long);
    } finally {
      await store.close();
      await deletePrefix(REDIS_URL, prefix);
    }
  });
});
