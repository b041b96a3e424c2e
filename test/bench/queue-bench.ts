import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createStore } from '../../store/create-store.js';
import type { TurnOutcome } from '../../store/store.js';
import { percentile, spawnService } from './spawn-service.js';

const OPEN_THREADS = Number(process.env.BENCH_OPEN_THREADS ?? 6000);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PASSWORD = 'bench password, long enough';
// About a kilobyte per mention, as a long customer message.
const TEXT = `why was I charged twice? ${'Here is what happened with my order, step by step, with the dates. '.repeat(15)}`;

const handedOff: TurnOutcome = {
  status: 'handed_off',
  decision: { reason: 'not_understood', understanding: { intent: 'billing', confidence: 0.4 } },
  replies: [],
  threadState: 'waiting',
};

/** OPEN_THREADS handed-off threads written straight into the SQLite file, before the service starts. */
async function seed(dataDir: string): Promise<void> {
  const { store } = await createStore({ DATA_DIR: dataDir, REDIS_PREFIX: 'first-reply:' });
  const now = Date.now();
  for (let i = 0; i < OPEN_THREADS; i++) {
    await store.acceptMention(
      {
        channel: 'sandbox',
        platformId: `q${i}`,
        threadId: `q${i}`,
        author: `@customer${i}`,
        text: TEXT,
        createdAt: new Date(now).toISOString(),
      },
      now + i,
      now + i + 60_000,
    );
  }
  for (;;) {
    const batch = await store.claimMentions(500, now + OPEN_THREADS, 60_000);
    if (batch.length === 0) break;
    await store.commitTurns(
      batch.map((mention) => ({ mention, outcome: handedOff })),
      now + OPEN_THREADS,
    );
  }
  await store.close();
}

async function timed(url: string, headers: Record<string, string> = {}): Promise<{ ms: number; bytes: number; status: number }> {
  const started = performance.now();
  const res = await fetch(url, { headers });
  const bytes = (await res.arrayBuffer()).byteLength;
  return { ms: performance.now() - started, bytes, status: res.status };
}

/**
 * Issue 14 finding 7: GET /api/queue with OPEN_THREADS open threads (a kilobyte of text each): the
 * size and time of one page, and /healthz while CONCURRENT agents fetch the queue at once.
 */
export async function run(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fr-queue-bench-'));
  await seed(dataDir);
  const { child, url } = await spawnService({
    DATA_DIR: dataDir,
    SANDBOX_ENABLED: 'true',
    ADMIN_PASSWORD: PASSWORD,
    UNDERSTANDING: 'keyword',
  });
  try {
    const session = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0]!;
    const page = (query: string) => timed(`${url}/api/queue${query}`, { cookie });
    const first = await page('');
    const largest = await page('?limit=200');
    const health: number[] = [];
    const fetches: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const queue = Promise.all(Array.from({ length: CONCURRENT }, () => page('')));
      const probes = Promise.all(
        Array.from({ length: 10 }, (_, i) => new Promise((res) => setTimeout(res, i * 20)).then(() => timed(`${url}/healthz`))),
      );
      const [q, h] = await Promise.all([queue, probes]);
      fetches.push(...q.map((x) => x.ms));
      health.push(...h.map((x) => x.ms));
    }
    const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
    console.log(
      `GET /api/queue, one instance on SQLite, ${OPEN_THREADS} open threads (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`,
    );
    console.log(
      `  default page: ${(first.bytes / 1024).toFixed(1)} KiB in ${first.ms.toFixed(0)} ms; limit=200: ${(largest.bytes / 1024).toFixed(1)} KiB in ${largest.ms.toFixed(0)} ms`,
    );
    console.log(
      `  ${CONCURRENT} fetches at once, ${ROUNDS} rounds: fetch median ${percentile(sorted(fetches), 50).toFixed(0)} ms, max ${sorted(fetches).at(-1)!.toFixed(0)} ms`,
    );
    console.log(
      `  /healthz meanwhile: median ${percentile(sorted(health), 50).toFixed(0)} ms, p95 ${percentile(sorted(health), 95).toFixed(0)} ms, max ${sorted(health).at(-1)!.toFixed(0)} ms`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
