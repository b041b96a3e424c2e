import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type SqliteSynchronous } from '../../store/open-database.js';
import { createSqliteStore } from '../../store/sqlite-store.js';

/**
 * The SQLite store's own intake, without HTTP or turns: `total` mentions accepted by `concurrency`
 * callers at a time, as the webhook routes call it. Group commit shares one commit (and, with FULL,
 * one fsync) between the accepts of a turn of the event loop. Returns accepts per second.
 */
export async function storeIntake(synchronous: SqliteSynchronous, total: number, concurrency: number): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fr-bench-intake-'));
  const store = createSqliteStore(openDatabase(dir, undefined, { synchronous }));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const now = Date.now();
        await store.acceptMention(
          {
            channel: 'sandbox',
            platformId: `bench-${i}`,
            threadId: `bench-${i}`,
            author: `@customer${i}`,
            text: `@acme my parcel is two weeks late #${i}`,
            createdAt: new Date(now).toISOString(),
          },
          now,
          now + 60_000,
        );
      }
    }),
  );
  const perSecond = total / ((performance.now() - started) / 1000);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return perSecond;
}

/** Prints FULL beside NORMAL, measured one after the other in the same run. */
export async function printStoreIntake(total: number, concurrency: number): Promise<void> {
  console.log(`\nstore intake: ${total} mentions accepted by the SQLite store, ${concurrency} at a time (no HTTP, no turns)`);
  for (const synchronous of ['FULL', 'NORMAL'] as const) {
    const load = os.loadavg()[0]!;
    const perSecond = await storeIntake(synchronous, total, concurrency);
    console.log(
      `  synchronous=${synchronous.padEnd(6)}  ${perSecond.toFixed(0)} accepted per second${synchronous === 'FULL' ? ', each fsynced before it is answered' : ''} (load average ${load.toFixed(1)} on ${os.cpus().length} cores)`,
    );
  }
}
