import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { deletePrefix, REDIS_URL } from '../store/redis-test-backend.js';
import { startStandInPlatform, type StandInPlatform } from '../chaos/stand-in-platform.js';
import { xChannelEnv, xMentionDelivery } from '../chaos/x-deliveries.js';
import { cpuSeconds, freePort, spawnService } from './spawn-service.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
/** How long to wait for the backlog to be answered after the load, at most. */
const DRAIN_TIMEOUT_S = Number(process.env.BENCH_DRAIN_TIMEOUT_SECONDS ?? 300);
/** `sqlite` or `redis`: run that setup alone. */
const ONLY = process.env.BENCH_SCALE_ONLY;

interface Load {
  accepted: number;
  /** CPU the server processes used during the load, per accepted request (user + system, all threads). */
  cpuMsPerRequest: number;
  perSecond: number;
  p50: number;
  p99: number;
  refused: number;
}

/** Loads each URL at once for SECONDS with CONNECTIONS in all, every request a new signed X webhook delivery. */
async function load(urls: string[], pids: number[], runId: number): Promise<Load> {
  const cpuBefore = pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const results = await Promise.all(
    urls.map((url, n) => {
      let i = 0;
      return autocannon({
        url,
        connections: Math.max(1, Math.round(CONNECTIONS / urls.length)),
        duration: SECONDS,
        requests: [
          {
            method: 'POST',
            path: '/webhooks/x',
            setupRequest: (req) => {
              // Mention numbers n, n + count, n + 2 count...: unique across the generators.
              const { body, headers } = xMentionDelivery(n + urls.length * i++, runId);
              return { ...req, body, headers };
            },
          },
        ],
      });
    }),
  );
  const accepted = results.reduce((sum, r) => sum + r['2xx'], 0);
  const cpu = pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0) - cpuBefore;
  return {
    accepted,
    cpuMsPerRequest: (cpu * 1000) / Math.max(1, accepted),
    perSecond: accepted / Math.max(...results.map((r) => r.duration)),
    // Each generator's own percentile; across two, the worse one (not their mix).
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    refused: results.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
  };
}

/**
 * Mentions the stand-in X has a reply to (the first part of each reply counts), counted as posts
 * arrive: only the posts since the last call are read, so polling stays cheap with 100k posts.
 */
function answeredCounter(platform: StandInPlatform): () => number {
  const seen = new Set<string>();
  let read = 0;
  return () => {
    for (; read < platform.posts.length; read++) seen.add(platform.posts[read]!.inReplyTo);
    return seen.size;
  };
}

/**
 * Waits, with progress, until every accepted mention has its reply on the stand-in X (or the
 * timeout): intake is not end to end, the backlog it leaves must be answered too.
 */
async function waitForReplies(answered: () => number, accepted: number): Promise<{ drainSeconds: number; answered: number }> {
  const started = Date.now();
  let lastPrint = 0;
  for (;;) {
    const done = answered();
    const elapsed = (Date.now() - started) / 1000;
    if (done >= accepted || elapsed > DRAIN_TIMEOUT_S) {
      process.stderr.write(
        `\r  backlog: ${done}/${accepted} answered after ${elapsed.toFixed(1)} s${done >= accepted ? '' : ' (timed out)'}\n`,
      );
      return { drainSeconds: elapsed, answered: done };
    }
    if (Date.now() - lastPrint >= 1000) {
      process.stderr.write(`\r  backlog: ${done}/${accepted} answered, ${elapsed.toFixed(0)} s since the load stopped`);
      lastPrint = Date.now();
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * From each instance's /metrics, summed: mentions the deadline sweep acknowledged (their deadline ran
 * out before a turn), and acknowledgements (first reply part sent) within 60 s of receipt and in all,
 * from the acknowledgement-latency histograms: the one-minute target under the burst.
 */
async function deadlineFigures(urls: string[]): Promise<{ atDeadline: number; acks: { within: number; all: number } }> {
  const sum = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].reduce((n, m) => n + Number(m[1]), 0);
  let atDeadline = 0;
  const acks = { within: 0, all: 0 };
  for (const url of urls) {
    const text = await (await fetch(`${url}/metrics`)).text();
    atDeadline += sum(text, /^first_reply_mentions_decided_total\{[^}]*reason="deadline"[^}]*\} (\d+)/gm);
    acks.within += sum(text, /^first_reply_acknowledgement_seconds_bucket\{[^}]*le="60"[^}]*\} (\d+)/gm);
    acks.all += sum(text, /^first_reply_acknowledgement_seconds_count(?:\{[^}]*\})? (\d+)/gm);
  }
  return { atDeadline, acks };
}

async function spawnBare(): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(here, 'bare-route.js'), String(port)], { stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      await fetch(`${url}/webhooks/x`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return { child, url };
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

async function stopAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(undefined) : (c.once('exit', r), c.kill('SIGTERM'))))));
}

/**
 * Runs `count` bare routes and then `count` service instances with `env` (the X channel replying
 * to a stand-in X in this process, the sandbox off), loads each the same way, and returns both.
 */
async function compare(count: number, env: Record<string, string>, runId: number) {
  const bare = await Promise.all(Array.from({ length: count }, spawnBare));
  const bareLoad = await load(
    bare.map((b) => b.url),
    bare.map((b) => b.child.pid!),
    runId,
  );
  await stopAll(bare.map((b) => b.child));
  const platform = await startStandInPlatform({ limit: 1_000_000 });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fr-scale-bench-'));
  const services = [];
  for (let n = 0; n < count; n++) {
    services.push(
      await spawnService({ DATA_DIR: dataDir, UNDERSTANDING: 'keyword', SANDBOX_ENABLED: 'false', ...xChannelEnv(platform.url), ...env }),
    );
  }
  const serviceLoad = await load(
    services.map((s) => s.url),
    services.map((s) => s.child.pid!),
    runId + 1,
  );
  const answered = answeredCounter(platform);
  const answeredDuringLoad = answered();
  const pids = services.map((s) => s.child.pid!);
  const cpuBefore = pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const backlog = await waitForReplies(answered, serviceLoad.accepted);
  const drainCpuMs = (pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0) - cpuBefore) * 1000;
  const { atDeadline, acks } = await deadlineFigures(services.map((s) => s.url));
  // CPU per mention all told: the load's and the drain's after it.
  const cpuMsEndToEnd = serviceLoad.cpuMsPerRequest + drainCpuMs / Math.max(1, serviceLoad.accepted);
  await stopAll(services.map((s) => s.child));
  await platform.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { bare: bareLoad, service: { ...serviceLoad, answeredDuringLoad, ...backlog, cpuMsEndToEnd, atDeadline, acks } };
}

/**
 * Issue 7's scale benchmark: signed X webhook deliveries accepted (verified, stored durably before
 * the 200) per second and the acceptance latency, for one instance on SQLite and two on one Redis,
 * each beside a bare Fastify route that only parses the same JSON, under the same load (autocannon,
 * CONNECTIONS connections for SECONDS). The service decides and sends replies meanwhile, within the
 * drains' budget (intake first); how many were answered by the end of the load and how long the rest
 * took are printed beside, so intake is never mistaken for end to end. Target: the service at least a
 * third of the bare route.
 */
export async function run(): Promise<void> {
  const rows: [string, Awaited<ReturnType<typeof compare>>][] = [];
  const runId = Date.now() % 10_000;
  if (ONLY !== 'redis') rows.push(['1 instance, SQLite', await compare(1, {}, runId)]);
  const prefix = `first-reply-bench:${randomUUID()}:`;
  try {
    if (ONLY !== 'sqlite') rows.push(['2 instances, Redis', await compare(2, { REDIS_URL, REDIS_PREFIX: prefix }, runId + 2)]);
  } finally {
    await deletePrefix(REDIS_URL, prefix);
  }
  console.log(
    `\nX webhook deliveries under load: ${CONNECTIONS} connections for ${SECONDS} s each (autocannon), keyword understanding, replies to a stand-in X`,
  );
  // On a shared machine throughput swings with everyone else's load; CPU per request does not, and
  // its ratio is what the throughput ratio would be on an idle machine (both are CPU-bound).
  console.log(
    `  ${'setup'.padEnd(20)} ${'service/s'.padStart(10)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'CPU ms/req'.padStart(11)} ${'bare/s'.padStart(8)} ${'bare p99'.padStart(9)} ${'CPU ms/req'.padStart(11)} ${'ratio/s'.padStart(8)} ${'ratio CPU'.padStart(10)}  (target >= 0.33)`,
  );
  for (const [label, { bare, service }] of rows) {
    console.log(
      `  ${label.padEnd(20)} ${service.perSecond.toFixed(0).padStart(10)} ${service.p50.toFixed(0).padStart(7)} ${service.p99.toFixed(0).padStart(7)} ${service.cpuMsPerRequest.toFixed(2).padStart(11)} ` +
        `${bare.perSecond.toFixed(0).padStart(8)} ${bare.p99.toFixed(0).padStart(9)} ${bare.cpuMsPerRequest.toFixed(2).padStart(11)} ` +
        `${(service.perSecond / bare.perSecond).toFixed(2).padStart(8)} ${(bare.cpuMsPerRequest / service.cpuMsPerRequest).toFixed(2).padStart(10)}${service.refused ? `  refused ${service.refused}` : ''}`,
    );
  }
  console.log('  end to end (the same runs): replies on the stand-in X for the accepted mentions');
  for (const [label, { service }] of rows) {
    console.log(
      `  ${label.padEnd(20)} ${service.accepted} accepted, ${service.answeredDuringLoad} answered by the end of the load, ` +
        `${service.answered} after ${service.drainSeconds.toFixed(1)} s more (the backlog's drain)${service.answered < service.accepted ? ' TIMED OUT' : ''}, ` +
        `${service.atDeadline} acknowledged by the deadline sweep (no turn in time); ` +
        `${service.acks.within} of ${service.acks.all} acknowledgements sent within 60 s of receipt (${((100 * service.acks.within) / Math.max(1, service.acks.all)).toFixed(1)}%); ` +
        `${service.cpuMsEndToEnd.toFixed(2)} ms CPU per mention all told`,
    );
  }
  console.log(
    `  (load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores; Redis's own CPU not counted)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
