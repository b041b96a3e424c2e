import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAcceptingPlatform } from '../helpers/accepting-platform.js';
import { percentile, postJson, progress, spawnService } from './spawn-service.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const TOTAL = Number(process.env.BENCH_WEBHOOKS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const X_SECRET = 'bench-consumer-secret';
const META_SECRET = 'bench-app-secret';
const THREADS_SECRET = 'bench-threads-secret';

const fixture = (platform: string, name: string) => readFileSync(path.join(root, 'test/fixtures', platform, `${name}.json`), 'utf8');

async function load(label: string, target: URL, bodies: { body: string; headers: Record<string, string> }[]) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let next = 0;
  let refused = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const { body, headers } = bodies[next++]!;
        const start = performance.now();
        const status = await postJson(agent, target, body, headers);
        latencies.push(performance.now() - start);
        if (status !== 200) refused++;
        progress(label, latencies.length, bodies.length);
      }
    }),
  );
  agent.destroy();
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: bodies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), refused };
}

/**
 * Issue 4's benchmark: signed X, Meta and Threads webhook deliveries under load. The endpoints must answer
 * within 100 ms at p99: the work (turn, reply) happens after the inbox write, off the request.
 */
export async function run(): Promise<void> {
  const standIn = await startAcceptingPlatform();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fr-webhook-bench-'));
  const { child, url } = await spawnService({
    DATA_DIR: dataDir,
    X_USER_ID: '1600000000000000001',
    X_ACCESS_TOKEN: 'bench-user-token',
    X_CONSUMER_SECRET: X_SECRET,
    X_API_URL: standIn.url,
    META_APP_SECRET: META_SECRET,
    META_VERIFY_TOKEN: 'bench-verify',
    META_PAGE_ACCESS_TOKEN: 'bench-page-token',
    META_GRAPH_URL: standIn.url,
    THREADS_USER_ID: '17841400000000077',
    THREADS_USERNAME: 'acme',
    THREADS_ACCESS_TOKEN: 'bench-threads-token',
    THREADS_APP_SECRET: THREADS_SECRET,
    THREADS_VERIFY_TOKEN: 'bench-verify',
    THREADS_RECONCILE_MINUTES: '0',
    THREADS_API_URL: standIn.url,
  });

  const xTemplate = fixture('x', 'tweet-create-mention');
  const xBodies = Array.from({ length: TOTAL }, (_, i) => {
    const id = String(1_860_000_000_000_100_000n + BigInt(i));
    const body = xTemplate
      .replaceAll('1860000000000000101', id)
      .replaceAll('1500000000000000042', String(1_500_000_000_000_100_000n + BigInt(i)))
      .replaceAll('"ann_example"', `"customer_${i}"`);
    return { body, headers: { 'x-twitter-webhooks-signature': `sha256=${createHmac('sha256', X_SECRET).update(body).digest('base64')}` } };
  });
  const metaTemplate = fixture('meta', 'page-feed-comment');
  const metaBodies = Array.from({ length: TOTAL }, (_, i) => {
    const body = metaTemplate
      .replaceAll('880000000000001', String(880_000_000_100_000 + i))
      .replaceAll('7100000000000042', String(7_100_000_000_100_000 + i))
      .replaceAll('Ann Example', `Customer ${i}`);
    return { body, headers: { 'x-hub-signature-256': `sha256=${createHmac('sha256', META_SECRET).update(body).digest('hex')}` } };
  });

  const threadsTemplate = fixture('threads', 'replies-webhook');
  const threadsBodies = Array.from({ length: TOTAL }, (_, i) => {
    const body = threadsTemplate
      .replaceAll('18050000000000101', String(18_050_000_000_100_000n + BigInt(i)))
      .replaceAll('"ann.example"', `"customer.${i}"`);
    return { body, headers: { 'x-hub-signature-256': `sha256=${createHmac('sha256', THREADS_SECRET).update(body).digest('hex')}` } };
  });

  const x = await load('X webhook', new URL('/webhooks/x', url), xBodies);
  const meta = await load('Meta webhook', new URL('/webhooks/meta', url), metaBodies);
  const threads = await load('Threads webhook', new URL('/webhooks/threads', url), threadsBodies);
  // A Threads reply is two calls (container, publish); the stand-in counts calls.
  const expected = 2 * TOTAL - x.refused - meta.refused + 2 * (TOTAL - threads.refused);
  const waitStart = Date.now();
  while (standIn.replies() < expected && Date.now() - waitStart < 120_000) await new Promise((r) => setTimeout(r, 100));
  const replies = standIn.replies();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await standIn.close();
  rmSync(dataDir, { recursive: true, force: true });

  console.log(`\nwebhook endpoints, one instance on SQLite, ${TOTAL} signed deliveries each, ${CONCURRENCY} concurrent`);
  for (const [name, r] of [
    ['/webhooks/x', x],
    ['/webhooks/meta', meta],
    ['/webhooks/threads', threads],
  ] as const) {
    console.log(
      `  ${name.padEnd(18)} ${r.perSecond.toFixed(0).padStart(5)}/s   p50 ${r.p50.toFixed(1)} ms   p99 ${r.p99.toFixed(1)} ms (target < 100)   refused ${r.refused}`,
    );
  }
  console.log(`  calls answered by the stand-in platform: ${replies} of ${4 * TOTAL} (a Threads reply is two)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
