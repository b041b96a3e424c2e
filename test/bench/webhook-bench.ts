import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startAcceptingPlatform } from '../helpers/accepting-platform.js';
import { percentile, postJson, progress, spawnService } from './spawn-service.js';
import { WEBHOOK_TARGETS, type WebhookTarget } from './webhook-targets.js';

const TOTAL = Number(process.env.BENCH_WEBHOOKS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

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
        // 2xx accepts (Pub/Sub pushes are acknowledged with 204).
        if (status < 200 || status > 299) refused++;
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
 * Issue 4's benchmark, per webhook channel (issue 22): signed deliveries under load to each channel
 * in WEBHOOK_TARGETS (BENCH_CHANNELS=x,meta to pick some). The endpoints must answer within 100 ms at
 * p99: the work (turn, reply) happens after the inbox write, off the request.
 */
export async function run(): Promise<void> {
  const picked = process.env.BENCH_CHANNELS?.split(',').map((s) => s.trim());
  const targets = WEBHOOK_TARGETS.filter((t) => !picked || picked.includes(t.name));
  // A target with its own stand-in (GBP: keys, reviews) gets it; the others share the accepting one,
  // started only when one needs it: a stand-in left listening keeps the process from exiting.
  const standIn = targets.some((t) => !t.platform) ? await startAcceptingPlatform() : undefined;
  const platforms = new Map(await Promise.all(targets.map(async (t) => [t, t.platform ? await t.platform() : standIn!] as const)));
  const urlOf = (t: WebhookTarget) => platforms.get(t)!.url;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fr-webhook-bench-'));
  const env = Object.assign({ DATA_DIR: dataDir }, ...targets.map((t) => t.env(urlOf(t)))) as Record<string, string>;
  const { child, url } = await spawnService(env);

  const results: { target: WebhookTarget; r: Awaited<ReturnType<typeof load>> }[] = [];
  for (const target of targets) {
    results.push({ target, r: await load(`${target.name} webhook`, new URL(target.path, url), target.deliveries(TOTAL, urlOf(target))) });
  }
  const expected = results.reduce((sum, { target, r }) => sum + (target.callsPerReply ?? 1) * (TOTAL - r.refused), 0);
  const waitStart = Date.now();
  const stood = [...new Set(platforms.values())];
  const answered = () => stood.reduce((sum, p) => sum + p.replies(), 0);
  while (answered() < expected && Date.now() - waitStart < 120_000) await new Promise((r) => setTimeout(r, 100));
  const replies = answered();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await Promise.all(stood.map((p) => p.close()));
  rmSync(dataDir, { recursive: true, force: true });

  console.log(`\nwebhook endpoints, one instance on SQLite, ${TOTAL} signed deliveries each, ${CONCURRENCY} concurrent`);
  for (const { target, r } of results) {
    const verdict = r.p99 < 100 ? 'ok' : 'OVER';
    console.log(
      `  ${target.name.padEnd(13)} ${target.path.padEnd(15)} ${r.perSecond.toFixed(0).padStart(5)}/s   p50 ${r.p50.toFixed(1)} ms   p99 ${r.p99.toFixed(1)} ms (target < 100: ${verdict})   refused ${r.refused}`,
    );
  }
  console.log(`  calls answered by the stand-in platforms (a Threads reply is two): ${replies} of ${expected}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
