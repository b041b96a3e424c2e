import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { createRedisHandoffStore } from '../../store/redis-handoff-store.js';
import { createRedisStore } from '../../store/redis-store.js';
import { connectRedis } from '../../store/redis-connect.js';
import type { TurnOutcome } from '../../store/store.js';
import { deletePrefix } from '../store/redis-test-backend.js';
import { percentile, progress } from './spawn-service.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const OPEN_THREADS = Number(process.env.BENCH_OPEN_THREADS ?? 5000);
const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 200);

const handedOff: TurnOutcome = {
  status: 'handed_off',
  decision: { reason: 'not_understood' },
  replies: [],
  threadState: 'waiting',
};

/**
 * Claims under a workload cap on Redis (issue 20): the time of one capped claim with OPEN_THREADS
 * threads in the queue, under a fresh key prefix deleted at the end.
 */
export async function run(): Promise<void> {
  const prefix = `first-reply-bench:${randomUUID()}:`;
  const client = await connectRedis(REDIS_URL, () => {});
  try {
    const store = createRedisStore(client, prefix);
    const handoff = createRedisHandoffStore(client, prefix);
    const now = Date.now();
    for (let i = 0; i < OPEN_THREADS; i++) {
      await store.acceptMention(
        { channel: 'sandbox', platformId: `c${i}`, threadId: `c${i}`, author: '@c', text: 'x', createdAt: new Date(now).toISOString() },
        now,
        now + 60_000,
      );
      progress('seeding open threads', i + 1, OPEN_THREADS);
    }
    for (;;) {
      const batch = await store.claimMentions(500, now, 60_000);
      if (batch.length === 0) break;
      await store.commitTurns(
        batch.map((mention) => ({ mention, outcome: handedOff })),
        now,
      );
    }
    const ms: number[] = [];
    for (let i = 0; i < CLAIMS; i++) {
      const started = performance.now();
      const r = await handoff.transition({
        channel: 'sandbox',
        threadId: `c${i}`,
        from: ['waiting'],
        to: 'agent',
        assignee: `agent${i % 10}`,
        claimCap: CLAIMS,
        event: { type: 'claim', actor: `agent${i % 10}` },
        now,
      });
      ms.push(performance.now() - started);
      if (!r.ok) throw new Error(`claim ${i} refused`);
      progress('capped claims', i + 1, CLAIMS);
    }
    ms.sort((a, b) => a - b);
    console.log(
      `\ncapped claims on Redis, ${OPEN_THREADS} open threads, ${CLAIMS} claims one at a time (load ${loadavg()[0]!.toFixed(1)})`,
    );
    console.log(`  p50 ${percentile(ms, 50).toFixed(2)} ms   p99 ${percentile(ms, 99).toFixed(2)} ms`);
  } finally {
    await client.close();
    await deletePrefix(REDIS_URL, prefix);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
