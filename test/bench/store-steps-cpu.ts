import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * CPU per step of the SQLite store (NORMAL), in this process: 20,000 accepts 64 at a time, then 500
 * claims of 8 mentions, each one's `earlierMentions` (the turn's thread context) and their commits, then
 * the search indexer's steps over those mentions and their replies (checkouts that have search).
 * `node dist/test/bench/store-steps-cpu.js [checkout] [--drop-no-reply-index]` measures another
 * checkout's compiled store, or this one without migration 6's partial index; `--drop=a,b` drops those
 * indexes or triggers first (what one of them costs per step).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const root = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(here, '../../..'));
// Before issue 16 the store lived in bot/store/.
const storeDir = existsSync(path.join(root, 'dist/store/sqlite-store.js')) ? 'dist/store' : 'dist/bot/store';
const from = (file: string) => import(pathToFileURL(path.join(root, storeDir, file)).href);
const { openDatabase } = await from('open-database.js');
const { createSqliteStore } = await from('sqlite-store.js');

const dir = mkdtempSync(path.join(tmpdir(), 'fr-store-steps-'));
const db = openDatabase(dir, undefined, { synchronous: 'NORMAL' });
const store = createSqliteStore(db);
if (args.includes('--drop-no-reply-index')) db.exec('DROP INDEX IF EXISTS mentions_no_reply');
const dropped = (
  args
    .find((a) => a.startsWith('--drop='))
    ?.slice('--drop='.length)
    .split(',') ?? []
).filter(Boolean);
for (const name of dropped) db.exec(`DROP INDEX IF EXISTS ${name}; DROP TRIGGER IF EXISTS ${name};`);
const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const ACCEPTS = 20_000;
let at = cpu();
let next = 0;
await Promise.all(
  Array.from({ length: 64 }, async () => {
    while (next < ACCEPTS) {
      const i = next++;
      const now = Date.now();
      const text = `@acme my parcel is two weeks late (#${i})`;
      await store.acceptMention(
        { channel: 'x', platformId: `p${i}`, threadId: `p${i}`, author: `c${i}`, text, createdAt: '' },
        now,
        now + 3_600_000,
      );
    }
  }),
);
const acceptUs = (cpu() - at) / ACCEPTS;
const spent = { claim: 0, earlier: 0, commit: 0, index: Number.NaN };
let turns = 0;
for (let k = 0; k < 500; k++) {
  at = cpu();
  const claimed = await store.claimMentions(8, Date.now(), 60_000);
  spent.claim += cpu() - at;
  at = cpu();
  for (const m of claimed) await store.earlierMentions?.(m.channel, m.threadId, m.id, 6);
  spent.earlier += cpu() - at;
  at = cpu();
  const outcome = {
    status: 'handed_off',
    // As the turn records it: with the language it detected (search reads it, not detecting again).
    decision: { status: 'handed_off', reason: 'not_understood', understanding: { topic: 'delivery', language: 'en' } },
    replies: [{ text: 'Thanks, a person will answer you here soon.', kind: 'acknowledgement' }],
    threadState: 'waiting',
  };
  await store.commitTurns(
    claimed.map((mention: unknown) => ({ mention, outcome })),
    Date.now(),
  );
  spent.commit += cpu() - at;
  turns += claimed.length;
}
// The search indexer as the service runs it: steps of 200, each mention's facets by the queue's rules.
const searchFile = path.join(root, 'dist/store/sqlite-search-store.js');
if (existsSync(searchFile)) {
  const { createSqliteSearchStore } = await import(pathToFileURL(searchFile).href);
  const { searchFacets } = await import(pathToFileURL(path.join(root, 'dist/handoff/search/search-facets.js')).href);
  const search = createSqliteSearchStore(db);
  at = cpu();
  while ((await search.indexPending(200, Date.now(), searchFacets)) > 0);
  spent.index = cpu() - at;
}
const per = (us: number) => (us / turns).toFixed(1);
console.log(
  `${root}${args.includes('--drop-no-reply-index') ? ' (no mentions_no_reply)' : ''}${dropped.length ? ` (without ${dropped.join(', ')})` : ''}: accept ${acceptUs.toFixed(1)} µs; per turn: claim ${per(spent.claim)}, earlierMentions ${per(spent.earlier)}, commit ${per(spent.commit)}, search indexing (mention and reply) ${per(spent.index)} µs CPU`,
);
await store.close();
rmSync(dir, { recursive: true, force: true });
