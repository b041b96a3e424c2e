import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../bench/spawn-service.js';
import { startRedisServer, type RedisServer } from '../chaos/redis-server.js';
import { repliesPerThread } from '../chaos/sandbox-replies.js';
import { waitFor } from '../helpers/start-service.js';
import { scrape } from '../bot/server/scrape-metrics.js';
import { killed, startInstance, type Instance } from './instances.js';

const RATE = 40; // mentions per second
const RUN_MS = 9000;
const KILL_AT_MS = 2500;
const DOWN_MS = 2000;

/** Posts mention `i` to the sandbox; the status, or 0 when the service did not answer at all. */
async function post(url: string, i: number): Promise<number> {
  try {
    const res = await fetch(`${url}/sandbox/mentions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: `restart-${i}`,
        author: `@user${i}`,
        text: i % 2 ? `@acme my parcel is late (order ${i})` : `@acme a question about invoice ${i}`,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/**
 * Redis (append-only, fsync always) SIGKILLed under a steady stream of mentions and started again
 * two seconds later on the same folder: the service comes back on its own, refuses with a non-2xx
 * what it cannot store meanwhile (the platform delivers again), and answers every mention it took
 * exactly once.
 */
describe('Redis restart under load', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fr-redis-restart-'));
  const redisDir = mkdtempSync(path.join(tmpdir(), 'fr-redis-aof-'));
  let redis: RedisServer | undefined;
  let instance: Instance | undefined;
  afterAll(async () => {
    if (instance) await killed(instance);
    await redis?.kill();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(redisDir, { recursive: true, force: true });
  });

  it('recovers without a hand, answers every accepted mention once, refuses with non-2xx while down', async () => {
    redis = await startRedisServer(Number(process.env.RESTART_REDIS_PORT ?? (await freePort())), redisDir);
    const service = (instance = await startInstance({
      DATA_DIR: dataDir,
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'first-reply-restart:',
      SANDBOX_REPLY_DELAY_MS: '5',
    }));

    const results = new Map<number, { status: number; at: number }>();
    const started = Date.now();
    let killedAt = 0;
    let restartedAt = 0;
    let storeUpWhileDown: number | undefined;
    const outage = (async () => {
      await new Promise((r) => setTimeout(r, KILL_AT_MS));
      await redis!.kill();
      killedAt = Date.now();
      // Metrics still answer while Redis is away, and say so.
      await new Promise((r) => setTimeout(r, DOWN_MS / 2));
      storeUpWhileDown = (await scrape(service.url)).value('first_reply_store_up');
      await new Promise((r) => setTimeout(r, DOWN_MS / 2));
      await redis!.restart();
      restartedAt = Date.now();
    })();
    // A steady stream, each mention posted once at its time, whatever came of the ones before.
    const posts: Promise<void>[] = [];
    for (let i = 0; Date.now() - started < RUN_MS; i++) {
      const due = started + (i * 1000) / RATE;
      await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
      posts.push(post(service.url, i).then((status) => void results.set(i, { status, at: Date.now() })));
    }
    await Promise.all(posts);
    await outage;

    const accepted = [...results].filter(([, r]) => r.status >= 200 && r.status < 300).map(([i]) => i);
    const refused = [...results].filter(([, r]) => r.status < 200 || r.status >= 300);
    // The outage was felt, and answered as a platform can act on: 503 (deliver again), never a 2xx for what was not stored.
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused.map(([, r]) => r.status))).toEqual(new Set([503]));
    // Recovery without a hand: ready again, and mentions posted after the restart were taken.
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
    expect(storeUpWhileDown).toBe(0);
    expect((await scrape(service.url)).value('first_reply_store_up')).toBe(1);
    expect(accepted.some((i) => results.get(i)!.at > restartedAt + 1000)).toBe(true);
    expect(accepted.some((i) => results.get(i)!.at < killedAt)).toBe(true);

    // Every accepted mention answered exactly once.
    await waitFor(
      () => (accepted.every((i) => repliesPerThread(dataDir).has(`restart-${i}`)) ? true : undefined),
      90_000,
      `replies to ${accepted.length} accepted mentions`,
    );
    await new Promise((r) => setTimeout(r, 1000)); // a second copy would show up now
    const counts = repliesPerThread(dataDir);
    expect([...counts].filter(([, n]) => n !== 1)).toEqual([]);

    // The platform delivers the refused ones again: they are taken now, and answered once too.
    for (const [i] of refused) expect(await post(service.url, i)).toBe(202);
    await waitFor(
      () => (refused.every(([i]) => repliesPerThread(dataDir).has(`restart-${i}`)) ? true : undefined),
      30_000,
      're-delivered mentions answered',
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect([...repliesPerThread(dataDir)].filter(([, n]) => n !== 1)).toEqual([]);
    expect(repliesPerThread(dataDir).size).toBe(results.size);
    console.info(
      `redis restart: ${results.size} mentions at ${RATE}/s, Redis down ${restartedAt - killedAt} ms; ${accepted.length} accepted (2xx), ` +
        `${refused.length} refused with 503 and delivered again; all answered exactly once`,
    );
  }, 150_000);
});
