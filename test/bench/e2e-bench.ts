import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { cpuSeconds, percentile, postJson, progress, spawnService } from './spawn-service.js';

const RATE = Number(process.env.BENCH_E2E_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_E2E_SECONDS ?? 20);
const TEXTS = [
  '@acme my parcel is two weeks late',
  '@acme the app is down again',
  '@acme why was I charged twice?',
  '@acme is there a black friday discount',
  '@acme I want to speak to someone about my account',
];

/**
 * Issue 7's end-to-end benchmark: a steady RATE mentions per second for SECONDS into one instance
 * (SQLite, local understanding on its own thread), and for each mention the time from its receipt
 * (stored) to its first reply SENT on the sandbox platform, read from the store. Target: p99 < 1 s.
 */
export async function run(): Promise<void> {
  const total = RATE * SECONDS;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fr-e2e-bench-'));
  const { child, url } = await spawnService({ DATA_DIR: dataDir, UNDERSTANDING: 'local' });
  const target = new URL('/sandbox/mentions', url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  const cpuBefore = cpuSeconds(child.pid!);
  const started = performance.now();
  const tag = Date.now();
  let refused = 0;
  let done = 0;
  const posts: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = started + (i * 1000) / RATE - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const body = JSON.stringify({ id: `e2e-${tag}-${i}`, author: `@customer${i}`, text: `${TEXTS[i % TEXTS.length]} (#${i})` });
    posts.push(
      postJson(agent, target, body).then((status) => {
        if (status !== 202) refused++;
        progress(`posting at ${RATE}/s`, ++done, total);
      }),
    );
  }
  await Promise.all(posts);
  const offeredRate = total / ((performance.now() - started) / 1000);

  const db = new Database(path.join(dataDir, 'first-reply.db'), { readonly: true });
  const firstSent = () =>
    (db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent' AND idempotency_key LIKE '%:0'`).get() as { n: number }).n;
  const waitStart = Date.now();
  while (firstSent() < total - refused && Date.now() - waitStart < 120_000) await new Promise((r) => setTimeout(r, 200));
  const rows = db
    .prepare(
      `SELECT o.sent_at - m.received_at AS ms FROM outbox o JOIN mentions m ON m.id = o.mention_id WHERE o.status = 'sent' AND o.idempotency_key LIKE '%:0'`,
    )
    .all() as { ms: number }[];
  db.close();
  const cpuMs = ((cpuSeconds(child.pid!) - cpuBefore) * 1000) / total;
  agent.destroy();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });

  const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
  console.log(
    `\nend to end: ${total} mentions at a steady ${RATE}/s (offered ${offeredRate.toFixed(0)}/s), one instance on SQLite, local understanding`,
  );
  console.log(`  refused                         ${refused}`);
  console.log(`  first replies sent              ${ms.length} of ${total - refused}`);
  console.log(
    `  receipt -> first reply SENT     p50 ${percentile(ms, 50)} ms   p90 ${percentile(ms, 90)} ms   p99 ${percentile(ms, 99)} ms (target < 1000)   max ${ms[ms.length - 1]} ms`,
  );
  // What the rate asks of the machine: at RATE/s the service needs RATE x this much CPU per second.
  console.log(
    `  service CPU per mention         ${cpuMs.toFixed(2)} ms, all threads (UNDERSTANDING_THREADS ${process.env.UNDERSTANDING_THREADS ?? 1}; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
