import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { cpuSeconds, percentile, postJson, spawnService } from './spawn-service.js';
import { startAcceptingPlatform } from '../helpers/accepting-platform.js';
import { longMentionText, signedTweetDelivery } from '../helpers/long-mentions.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
/** Characters per mention: a million (the body stays under the 1 MiB body limit of /webhooks/x). */
const CHARS = Number(process.env.BENCH_MENTION_CHARS ?? 1_000_000);
/** Seconds to wait, once posting stops, for the service to decide what it took in. */
const DRAIN_SECONDS = Number(process.env.BENCH_DRAIN_SECONDS ?? 120);
const X_SECRET = 'bench-consumer-secret';

/** The /healthz probe's thread: one request after another, 20 ms apart, each round trip posted back. */
const HEALTHZ_PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  for (;;) {
    const t = performance.now();
    try {
      await (await fetch(workerData.url, { signal: AbortSignal.timeout(60000) })).text();
    } catch {}
    parentPort.postMessage(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
})();
`;
const BRAND_ID = '1600000000000000001';

async function mentionCounts(url: string): Promise<Record<string, number>> {
  try {
    return ((await (await fetch(`${url}/readyz`)).json()) as { mentions: Record<string, number> }).mentions;
  } catch {
    return {};
  }
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const summary = (sorted: number[]) =>
  `p50 ${percentile(sorted, 50).toFixed(1)} ms   p99 ${percentile(sorted, 99).toFixed(1)} ms   max ${sorted[sorted.length - 1]!.toFixed(1)} ms`;

/**
 * Issue 14's figure: /healthz latency while 20 clients post 1 MB mentions (signed X tweets of a
 * million characters, the largest the X webhook's 1 MiB body limit takes; the sandbox route refuses
 * texts over 10,000 characters) for a bounded time, then while it decides what it took in. /healthz
 * is asked one request after another, each 20 ms after the last answer. BENCH_MENTION_CHARS=25000:
 * the longest post X itself allows.
 */
export async function run(): Promise<void> {
  const standIn = await startAcceptingPlatform();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fr-big-mentions-bench-'));
  const { child, url } = await spawnService({
    DATA_DIR: dataDir,
    X_USER_ID: BRAND_ID,
    X_ACCESS_TOKEN: 'bench-user-token',
    X_CONSUMER_SECRET: X_SECRET,
    X_API_URL: standIn.url,
  });
  const text = longMentionText(CHARS);
  const target = new URL('/webhooks/x', url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const loadAtStart = load();
  const cpuAtStart = cpuSeconds(child.pid!);
  const startedAt = new Date();

  // /healthz, one request after another, from a thread of its own: building and signing megabyte
  // bodies on this thread must not delay the probe.
  const healthz: number[] = [];
  const poller = new Worker(HEALTHZ_PROBE, { eval: true, workerData: { url: `${url}/healthz` } });
  poller.on('message', (ms: number) => healthz.push(ms));

  let n = 0;
  const statuses = new Map<number, number>();
  const deadline = performance.now() + SECONDS * 1000;
  const progress = setInterval(() => {
    const sorted = [...healthz].sort((a, b) => a - b);
    process.stderr.write(
      `  ${((SECONDS * 1000 - (deadline - performance.now())) / 1000).toFixed(0).padStart(3)} s: ${n} posted, /healthz ${sorted.length ? summary(sorted) : '-'}, load ${load()}\n`,
    );
  }, 2000);
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) {
        const { body, signature } = signedTweetDelivery({ secret: X_SECRET, brandUserId: BRAND_ID, n: n++, text });
        const status = await postJson(agent, target, body, { 'x-twitter-webhooks-signature': signature });
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const postedFor = (SECONDS * 1000 - (deadline - performance.now())) / 1000;
  const whilePosting = healthz.length;
  // Keep timing /healthz while the service works through what it took in.
  const accepted = statuses.get(200) ?? 0;
  const drainStart = performance.now();
  let counts = await mentionCounts(url);
  while ((counts.received ?? 0) > 0 && performance.now() - drainStart < DRAIN_SECONDS * 1000) {
    await new Promise((r) => setTimeout(r, 250));
    counts = await mentionCounts(url);
  }
  const drainedIn = (performance.now() - drainStart) / 1000;
  await poller.terminate();
  clearInterval(progress);
  const cpu = cpuSeconds(child.pid!) - cpuAtStart;
  const loadAtEnd = load();
  agent.destroy();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await standIn.close();
  rmSync(dataDir, { recursive: true, force: true });

  const sorted = [...healthz].sort((a, b) => a - b);
  const posting = healthz.slice(0, whilePosting).sort((a, b) => a - b);
  const deciding = healthz.slice(whilePosting).sort((a, b) => a - b);
  console.log(
    `\n/healthz while ${CLIENTS} clients post signed X tweets of ${CHARS.toLocaleString('en')} characters (${startedAt.toISOString()})`,
  );
  console.log(
    `  posting ${postedFor.toFixed(1)} s: ${n} posted, answers ${[...statuses].map(([s, c]) => `${s || 'error'}: ${c}`).join(', ')} (${((accepted * CHARS) / 1e6 / postedFor).toFixed(1)} MB/s of text taken in)`,
  );
  console.log(
    `  decided afterwards in ${drainedIn.toFixed(1)} s: ${Object.entries(counts)
      .map(([s, c]) => `${s} ${c}`)
      .join(', ')}; replies sent ${standIn.replies()}`,
  );
  console.log(`  /healthz, all ${sorted.length} answers: ${summary(sorted)}   (target: every answer < 100 ms)`);
  if (posting.length) console.log(`    while posting (${posting.length}): ${summary(posting)}`);
  if (deciding.length) console.log(`    after posting, while deciding (${deciding.length}): ${summary(deciding)}`);
  console.log(
    `  service CPU ${cpu.toFixed(1)} s; load average (1, 5, 15 min) at start ${loadAtStart}, at end ${loadAtEnd}; ${os.cpus().length} cores`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
