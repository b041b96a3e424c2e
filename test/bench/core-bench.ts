import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { cpuSeconds, percentile, progress, spawnService } from './spawn-service.js';

const TOTAL = Number(process.env.BENCH_MENTIONS ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);

function postMention(agent: http.Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: url.hostname, port: url.port, path: '/sandbox/mentions', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Issue 2's benchmark: 5,000 sandbox mentions posted by 64 concurrent clients against one
 * instance on SQLite. Prints accepted mentions per second (each stored durably before its 202)
 * and p50/p99 from receipt to the reply stored on the platform.
 */
export async function run(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fr-bench-'));
  const { child, url } = await spawnService({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const texts = ['@acme my parcel is two weeks late', '@acme the app is down again', '@acme why was I charged twice?', '@acme is there a black friday discount', '@acme I want to speak to someone about my account'];
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const cpuBefore = cpuSeconds(child.pid!);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < TOTAL) {
        const i = next++;
        const body = JSON.stringify({ id: `bench-${i}`, author: `@customer${i}`, text: `${texts[i % texts.length]} #${i}` });
        const t0 = performance.now();
        const status = await postMention(agent, target, body);
        latencies.push(performance.now() - t0);
        if (status !== 202) failed++;
        progress('posting mentions', latencies.length, TOTAL);
      }
    }),
  );
  const postingSeconds = (performance.now() - started) / 1000;

  // Wait for every reply, then read receipt -> reply-stored times from the store itself.
  const db = new Database(path.join(dataDir, 'first-reply.db'), { readonly: true });
  const sentCount = () => (db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'`).get() as { n: number }).n;
  const waitStart = Date.now();
  while (sentCount() < TOTAL - failed && Date.now() - waitStart < 120_000) {
    progress('replies sent', sentCount(), TOTAL - failed);
  const serverCpu = cpuSeconds(child.pid!) - cpuBefore;
    await new Promise((r) => setTimeout(r, 100));
  }
  progress('replies sent', sentCount(), TOTAL - failed);
  const serverCpu = cpuSeconds(child.pid!) - cpuBefore;
  const rows = db.prepare(`SELECT o.sent_at - m.received_at AS ms FROM outbox o JOIN mentions m ON m.id = o.mention_id WHERE o.status = 'sent'`).all() as { ms: number }[];
  const decided = db.prepare(`SELECT decided_at - received_at AS ms FROM mentions WHERE decided_at IS NOT NULL`).all() as { ms: number }[];
  db.close();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });

  const replyMs = rows.map((r) => r.ms).sort((a, b) => a - b);
  const decideMs = decided.map((r) => r.ms).sort((a, b) => a - b);
  latencies.sort((a, b) => a - b);
  console.log('\ncore responder, one instance on SQLite (WAL, synchronous=NORMAL), sandbox channel');
  console.log(`  mentions posted           ${TOTAL} (${CONCURRENCY} concurrent clients), refused ${failed}`);
  console.log(`  accepted per second       ${(TOTAL / postingSeconds).toFixed(0)}   (target >= 1000)`);
  console.log(`  acceptance latency        p50 ${percentile(latencies, 50).toFixed(1)} ms   p99 ${percentile(latencies, 99).toFixed(1)} ms`);
  console.log(`  receipt -> decision       p50 ${percentile(decideMs, 50)} ms   p99 ${percentile(decideMs, 99)} ms`);
  console.log(`  service CPU per mention    ${((serverCpu * 1000) / TOTAL).toFixed(2)} ms (accept, turn, reply, sandbox platform; ${os.loadavg()[0]!.toFixed(1)} load average on ${os.cpus().length} cores during the run)`);
  console.log(`  receipt -> reply stored   p50 ${percentile(replyMs, 50)} ms   p99 ${percentile(replyMs, 99)} ms   (target p99 < 250 ms)  [${replyMs.length} replies]`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
