// The customer panel's store reads with many threads, on SQLite and Redis:
//   npx vite-node test/bench/customer-bench.ts [threads=100000]
// Seeds `threads` threads, one mention each: ordinary authors with 10 threads, and one author with a
// tenth of them all; then times customerThreads (a page of 20, with the total) for ordinary authors,
// for the heavy one, for two linked identities, and threadTags for a queue page of 200 threads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStore, type Stores } from '../../store/create-store.js';
import { deletePrefix, REDIS_URL } from '../store/redis-test-backend.js';
import { percentile } from './spawn-service.js';

const THREADS = Number(process.argv[2] ?? 100_000);
const HEAVY = Math.floor(THREADS / 10);
const PER_AUTHOR = 10;

const authorOf = (i: number) => (i < HEAVY ? '@heavy' : `@customer${Math.floor(i / PER_AUTHOR)}`);

async function seed({ store, handoff }: Stores): Promise<void> {
  const now = Date.now();
  for (let i = 0; i < THREADS; i += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, THREADS - i) }, (_, j) =>
        store.acceptMention(
          {
            channel: 'sandbox',
            platformId: `m${i + j}`,
            threadId: `t${i + j}`,
            author: authorOf(i + j),
            text: 'why was I charged twice on my card?',
            createdAt: new Date(now).toISOString(),
          },
          now + i + j,
          now + i + j + 60_000,
        ),
      ),
    );
  }
  for (let i = 0; i < 200; i += 2)
    await handoff.tagThread({ channel: 'sandbox', threadId: `t${HEAVY + i}`, tag: 'billing', add: true, actor: 'bench', now });
}

async function time(runs: number, call: (i: number) => Promise<unknown>): Promise<string> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await call(i);
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return `p50 ${percentile(ms, 50).toFixed(2)} ms, p95 ${percentile(ms, 95).toFixed(2)} ms (${runs} runs)`;
}

async function measure(name: string, stores: Stores): Promise<void> {
  const started = performance.now();
  await seed(stores);
  process.stdout.write(`${name}: ${THREADS} threads seeded in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  const { handoff } = stores;
  const ordinary = (i: number) => ({
    channel: 'sandbox',
    author: `@customer${HEAVY / PER_AUTHOR + ((i * 7919) % ((THREADS - HEAVY) / PER_AUTHOR))}`,
  });
  const heavy = { channel: 'sandbox', author: '@heavy' };
  const check = await handoff.customerThreads([heavy], 20);
  if (check.total !== HEAVY || check.threads.length !== 20) throw new Error(`heavy author: ${check.total} threads`);
  process.stdout.write(
    `  customerThreads, an author with ${PER_AUTHOR} threads: ${await time(300, (i) => handoff.customerThreads([ordinary(i)], 20))}\n`,
  );
  process.stdout.write(
    `  customerThreads, an author with ${HEAVY} threads: ${await time(50, () => handoff.customerThreads([heavy], 20))}\n`,
  );
  process.stdout.write(
    `  customerThreads, two linked identities (${PER_AUTHOR} + ${HEAVY}): ${await time(50, (i) => handoff.customerThreads([ordinary(i), heavy], 20))}\n`,
  );
  process.stdout.write(`  customer (identities and notes): ${await time(300, (i) => handoff.customer(ordinary(i)))}\n`);
  const page = Array.from({ length: 200 }, (_, i) => ({ channel: 'sandbox', threadId: `t${HEAVY + i}` }));
  process.stdout.write(`  threadTags, a queue page of 200 threads: ${await time(100, () => handoff.threadTags(page))}\n`);
}

const dir = mkdtempSync(path.join(tmpdir(), 'fr-customer-bench-'));
try {
  const sqlite = await createStore({ DATA_DIR: dir, REDIS_PREFIX: 'first-reply:', SQLITE_SYNCHRONOUS: 'NORMAL' });
  await measure('SQLite', sqlite);
  await sqlite.store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const prefix = `first-reply-bench:customer:${process.pid}:`;
try {
  const redis = await createStore({ DATA_DIR: dir, REDIS_URL, REDIS_PREFIX: prefix });
  await measure('Redis', redis);
  await redis.store.close();
} finally {
  await deletePrefix(REDIS_URL, prefix);
}
