// How long the knowledge page's answers per entry and a new incident's suggestions take to read
// with a busy week of decisions stored, on SQLite and on Redis:
//   npx vite-node test/store/entry-answers-timing.ts [mentions=100000]
// Fills a fresh store with `mentions` decided over the last 7 days (nine in ten answered with one of
// 20 entries, the rest handed off), then prints the median of 5 reads of each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../../store/open-database.js';
import { createSqliteStore } from '../../store/sqlite-store.js';
import { createSqliteEntryAnswers } from '../../store/sqlite-entry-answers.js';
import { createRedisStore } from '../../store/redis-store.js';
import { createRedisEntryAnswers } from '../../store/redis-entry-answers.js';
import { scriptRunner } from '../../store/redis-script-runner.js';
import type { EntryAnswers } from '../../store/entry-answers.js';
import type { Store } from '../../store/store.js';
import { connectTestRedis, deletePrefix, REDIS_URL } from './redis-test-backend.js';

const MENTIONS = Number(process.argv[2] ?? 100_000);
const DAY = 86_400_000;
const now = Date.now();

async function fill(store: Store) {
  const step = (7 * DAY) / MENTIONS;
  for (let from = 0; from < MENTIONS; from += 1000) {
    const batch = Array.from({ length: Math.min(1000, MENTIONS - from) }, (_, k) => from + k);
    const accepted = await Promise.all(
      batch.map((i) => {
        const at = Math.round(now - 7 * DAY + i * step);
        return store.acceptMention(
          {
            channel: 'sandbox',
            platformId: `p${i}`,
            threadId: `t${i}`,
            author: `@c${i}`,
            text: `my parcel is late, order ${i}`,
            createdAt: new Date(at).toISOString(),
          },
          at,
          at + 60_000,
        );
      }),
    );
    const mentions = await Promise.all(accepted.map((a) => store.getMention(a.mentionId)));
    await store.commitTurns(
      mentions.map((m, k) => ({
        mention: m!,
        outcome:
          (from + k) % 10 === 9
            ? { status: 'handed_off' as const, decision: { reason: 'not_understood' }, replies: [] }
            : { status: 'answered' as const, decision: { reason: 'knowledge_match', entryId: `entry-${(from + k) % 20}` }, replies: [] },
      })),
      now,
    );
  }
}

async function median(run: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[2]!.toFixed(0);
}

async function measure(name: string, store: Store, answers: EntryAnswers) {
  const t = performance.now();
  await fill(store);
  const filled = ((performance.now() - t) / 1000).toFixed(0);
  const q = { dayFrom: now - DAY, weekFrom: now - 7 * DAY, latest: 3, maxScanned: 200_000 };
  const counts = await answers.answersByEntry(q);
  const total = counts.entries.reduce((s, e) => s + e.lastWeek, 0);
  const byEntry = await median(() => answers.answersByEntry(q));
  const handoffs = await median(() => answers.recentHandoffs({ since: now - 7 * DAY, limit: 300, maxScanned: 20_000 }));
  process.stdout.write(
    `${name}: ${MENTIONS} mentions (filled in ${filled} s); answers per entry ${byEntry} ms (${total} answers counted, complete ${counts.complete}); 300 recent handoffs ${handoffs} ms\n`,
  );
}

const dir = mkdtempSync(path.join(tmpdir(), 'fr-entry-answers-timing-'));
try {
  const db = openDatabase(dir, undefined, { synchronous: 'NORMAL' });
  await measure('SQLite', createSqliteStore(db), createSqliteEntryAnswers(db));
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const prefix = `first-reply-timing:${randomUUID()}:`;
const client = await connectTestRedis();
try {
  await measure('Redis', createRedisStore(client, prefix), createRedisEntryAnswers(scriptRunner(client), prefix));
} finally {
  await client.close();
  await deletePrefix(REDIS_URL, prefix);
}
