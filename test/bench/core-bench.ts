import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { cpuSeconds, percentile, postJson, progress, spawnService } from './spawn-service.js';
import { printStoreIntake } from './store-intake.js';

const TOTAL = Number(process.env.BENCH_MENTIONS ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);

interface Scenario {
  label: string;
  env: Record<string, string>;
  total: number;
  /** Mentions per second offered; undefined: as fast as the clients can post. */
  rate?: number;
}

/**
 * Issue 2's benchmark: sandbox mentions posted by 64 concurrent clients against one instance on
 * SQLite. Prints accepted mentions per second (each committed before its 202, fsynced with the
 * default synchronous=FULL) and receipt to reply-stored percentiles, for a burst with the keyword
 * matcher (the issue's configuration) with FULL and then NORMAL (issue 18: the price of power-loss
 * durability, in the same run), a burst with local understanding, and a steady stream with it.
 * First, the store's own intake with FULL and NORMAL: the ceiling that HTTP and turns share the CPU with.
 */
export async function run(): Promise<void> {
  const scenarios: Scenario[] = [
    { label: 'burst, keyword understanding', env: { UNDERSTANDING: 'keyword', SQLITE_SYNCHRONOUS: 'FULL' }, total: TOTAL },
    { label: 'burst, keyword understanding', env: { UNDERSTANDING: 'keyword', SQLITE_SYNCHRONOUS: 'NORMAL' }, total: TOTAL },
    { label: 'burst, local understanding', env: { UNDERSTANDING: 'local', SQLITE_SYNCHRONOUS: 'FULL' }, total: TOTAL },
    {
      label: 'steady 100/s for 20 s, local understanding',
      env: { UNDERSTANDING: 'local', SQLITE_SYNCHRONOUS: 'FULL' },
      total: 2000,
      rate: 100,
    },
  ];
  await printStoreIntake(TOTAL, CONCURRENCY);
  for (const scenario of scenarios) await runScenario(scenario);
}

async function runScenario(scenario: Scenario): Promise<void> {
  const total = scenario.total;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fr-bench-'));
  const { child, url } = await spawnService({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...scenario.env });
  const target = new URL('/sandbox/mentions', url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const texts = [
    '@acme my parcel is two weeks late',
    '@acme the app is down again',
    '@acme why was I charged twice?',
    '@acme is there a black friday discount',
    '@acme I want to speak to someone about my account',
  ];
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const loadBefore = os.loadavg()[0]!;
  const cpuBefore = cpuSeconds(child.pid!);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) {
        const i = next++;
        if (scenario.rate) {
          const due = started + (i * 1000) / scenario.rate;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
        const body = JSON.stringify({ id: `bench-${i}`, author: `@customer${i}`, text: `${texts[i % texts.length]} #${i}` });
        const t0 = performance.now();
        const status = await postJson(agent, target, body);
        latencies.push(performance.now() - t0);
        if (status !== 202) failed++;
        progress(`posting (${scenario.label})`, latencies.length, total);
      }
    }),
  );
  const postingSeconds = (performance.now() - started) / 1000;

  // Wait for every reply, then read receipt -> reply-stored times from the store itself.
  const db = new Database(path.join(dataDir, 'first-reply.db'), { readonly: true });
  const sentCount = () => (db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'`).get() as { n: number }).n;
  const waitStart = Date.now();
  while (sentCount() < total - failed && Date.now() - waitStart < 180_000) {
    progress('replies sent', sentCount(), total - failed);
    await new Promise((r) => setTimeout(r, 100));
  }
  progress('replies sent', sentCount(), total - failed);
  const serverCpu = cpuSeconds(child.pid!) - cpuBefore;
  const rows = db
    .prepare(`SELECT o.sent_at - m.received_at AS ms FROM outbox o JOIN mentions m ON m.id = o.mention_id WHERE o.status = 'sent'`)
    .all() as { ms: number }[];
  const decided = db.prepare(`SELECT decided_at - received_at AS ms FROM mentions WHERE decided_at IS NOT NULL`).all() as { ms: number }[];
  db.close();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });

  const replyMs = rows.map((r) => r.ms).sort((a, b) => a - b);
  const decideMs = decided.map((r) => r.ms).sort((a, b) => a - b);
  latencies.sort((a, b) => a - b);
  console.log(
    `\ncore responder: ${scenario.label} (one instance, SQLite WAL synchronous=${scenario.env.SQLITE_SYNCHRONOUS}, sandbox channel)`,
  );
  console.log(
    `  mentions posted           ${total} (${CONCURRENCY} concurrent clients${scenario.rate ? `, paced at ${scenario.rate}/s` : ''}), refused ${failed}`,
  );
  console.log(
    `  accepted per second       ${(total / postingSeconds).toFixed(0)}${scenario.rate ? ' (paced)' : '   (target >= 1000)'}, ${scenario.env.SQLITE_SYNCHRONOUS === 'FULL' ? 'each fsynced before its 202' : 'committed, not fsynced, before its 202'}`,
  );
  console.log(
    `  acceptance latency        p50 ${percentile(latencies, 50).toFixed(1)} ms   p99 ${percentile(latencies, 99).toFixed(1)} ms`,
  );
  console.log(`  receipt -> decision       p50 ${percentile(decideMs, 50)} ms   p99 ${percentile(decideMs, 99)} ms`);
  console.log(
    `  receipt -> reply stored   p50 ${percentile(replyMs, 50)} ms   p99 ${percentile(replyMs, 99)} ms   [${replyMs.length} replies]`,
  );
  console.log(
    `  service CPU per mention   ${((serverCpu * 1000) / total).toFixed(2)} ms, all threads (load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after, on ${os.cpus().length} cores)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
