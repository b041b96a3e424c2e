import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/start-service.js';
import { connectTestRedis, deletePrefix, REDIS_URL } from '../store/redis-test-backend.js';
import { killed, postMention, startInstance, type Instance } from './instances.js';
import { repliesPerThread } from '../chaos/sandbox-replies.js';

const TOTAL = 2000;
const IN_FLIGHT = 40;

/**
 * Several real instances (child processes of dist/bot/main.js) on one Redis: a stream of mentions
 * spread over them is answered exactly once each, also when one of them is SIGKILLed mid-stream.
 * The instances share one DATA_DIR for the sandbox platform's own file (sandbox.db, WAL), so every
 * reply any of them posts lands in one place to count.
 */
describe('several instances on one Redis', () => {
  const runs: { dataDir: string; prefix: string; instances: Instance[] }[] = [];
  let redis: Awaited<ReturnType<typeof connectTestRedis>>;
  beforeAll(async () => {
    redis = await connectTestRedis();
  });
  afterAll(async () => {
    for (const run of runs) {
      await Promise.all(run.instances.map(killed));
      rmSync(run.dataDir, { recursive: true, force: true });
      await deletePrefix(REDIS_URL, run.prefix);
    }
    await redis?.close();
  });

  async function startRun(count: number) {
    const run = {
      dataDir: mkdtempSync(path.join(tmpdir(), 'fr-scale-')),
      prefix: `first-reply-test:${randomUUID()}:`,
      instances: [] as Instance[],
    };
    runs.push(run);
    // One after the other: the first creates the sandbox file's tables, the others find them.
    for (let i = 0; i < count; i++) {
      run.instances.push(await startInstance({ DATA_DIR: run.dataDir, REDIS_URL, REDIS_PREFIX: run.prefix, SANDBOX_REPLY_DELAY_MS: '10' }));
    }
    return run;
  }

  /**
   * Posts mentions 0..TOTAL-1, IN_FLIGHT at a time, mention i to live instance i mod n; one an
   * instance did not take is delivered again to the next live one (as a platform re-delivers).
   */
  async function postAll(instances: Instance[], idPrefix: string, alive: () => Instance[]) {
    let next = 0;
    let redelivered = 0;
    const worker = async () => {
      while (next < TOTAL) {
        const i = next++;
        for (let attempt = 0; ; attempt++) {
          const live = alive();
          if (await postMention(live[(i + attempt) % live.length]!.url, i, idPrefix)) break;
          redelivered++;
          if (attempt > 20) throw new Error(`mention ${i} was refused by every instance`);
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    return { redelivered, instances: instances.length };
  }

  async function expectEachAnsweredOnce(run: { dataDir: string; prefix: string }, idPrefix: string, timeoutMs: number) {
    // The platform can hold every reply before the store says so: a killed instance's replies that
    // reached the platform stay pending until their lease runs out and another instance finds them
    // there. Both have to agree.
    await waitFor(
      async () => {
        if (repliesPerThread(run.dataDir).size !== TOTAL) return undefined;
        const outbox = await redis.hGetAll(`${run.prefix}stats:outbox`);
        return Number(outbox.sent ?? 0) === TOTAL ? true : undefined;
      },
      timeoutMs,
      `a reply in each of ${TOTAL} threads, each marked sent`,
    );
    await new Promise((r) => setTimeout(r, 1000)); // anything sent twice would show up now
    const counts = repliesPerThread(run.dataDir);
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    for (let i = 0; i < TOTAL; i++) expect(counts.get(`${idPrefix}${i}`), `${idPrefix}${i}`).toBe(1);
    // The store agrees: every mention once, decided, and one sent reply each.
    expect(await redis.hLen(`${run.prefix}mention-ids`)).toBe(TOTAL);
    const mentions = await redis.hGetAll(`${run.prefix}stats:mentions`);
    expect(Number(mentions.received ?? 0)).toBe(0);
    expect(Number(mentions.answered ?? 0) + Number(mentions.handed_off ?? 0)).toBe(TOTAL);
    const outbox = await redis.hGetAll(`${run.prefix}stats:outbox`);
    expect(Object.fromEntries(Object.entries(outbox).filter(([, n]) => n !== '0'))).toEqual({ sent: String(TOTAL) });
  }

  it(`two instances answer each of ${TOTAL} mentions exactly once`, async () => {
    const run = await startRun(2);
    const started = Date.now();
    const _posted = await postAll(run.instances, 'two-', () => run.instances);
    const postedMs = Date.now() - started;
    await expectEachAnsweredOnce(run, 'two-', 60_000);
    const doneMs = Date.now() - started;
    console.info(
      `scale, 2 instances: ${TOTAL} mentions accepted in ${postedMs} ms (${Math.round((TOTAL * 1000) / postedMs)}/s), ` +
        `all answered exactly once ${doneMs} ms after the first post; 0 duplicates, 0 lost`,
    );
  }, 100_000);

  it(`three instances answer each of ${TOTAL} mentions exactly once across a SIGKILL of one of them`, async () => {
    const run = await startRun(3);
    const [victim] = run.instances;
    let dead = false;
    const alive = () => run.instances.filter((i) => !(dead && i === victim));
    const started = Date.now();
    let sentAtKill = 0;
    let killedAt = 0;
    let heldAtKill = { mentions: 0, replies: 0 };
    // Kill the first instance once a quarter of the replies are out, while mentions still arrive.
    const killer = waitFor(() => (repliesPerThread(run.dataDir).size >= TOTAL / 4 ? true : undefined), 60_000, 'replies to start').then(
      async () => {
        await killed(victim!);
        dead = true;
        killedAt = Date.now();
        sentAtKill = repliesPerThread(run.dataDir).size;
        // Live instances hold a lease for milliseconds; one still held 3 s after the kill is the victim's,
        // and nobody may take it over before it runs out.
        await new Promise((r) => setTimeout(r, 3000));
        heldAtKill = {
          mentions: await redis.zCount(`${run.prefix}mentions:leased`, Date.now(), '+inf'),
          replies: await redis.zCount(`${run.prefix}outbox:leased`, Date.now(), '+inf'),
        };
      },
    );
    const posted = await postAll(run.instances, 'three-', alive);
    const postedMs = Date.now() - started;
    await killer;
    expect(sentAtKill).toBeLessThan(TOTAL);
    // The victim's leased replies wait out their 60 s lease before another instance sends them.
    await expectEachAnsweredOnce(run, 'three-', 100_000);
    const doneMs = Date.now() - started;
    console.info(
      `scale, 3 instances + SIGKILL: ${TOTAL} mentions accepted in ${postedMs} ms (${posted.redelivered} re-delivered after refusals), ` +
        `one instance killed after ${sentAtKill} replies, leaving ${heldAtKill.mentions} mentions and ${heldAtKill.replies} replies under its leases; ` +
        `all answered exactly once ${doneMs} ms after the first post (${Date.now() - killedAt} ms after the kill); 0 duplicates, 0 lost`,
    );
  }, 150_000);
});
