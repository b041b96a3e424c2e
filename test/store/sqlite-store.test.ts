import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../store/open-database.js';
import { createSqliteStore } from '../../store/sqlite-store.js';
import { describe, expect, it } from 'vitest';
import { answer, describeStoreContract, mention, type StoreBackend } from './store-contract.js';

describeStoreContract('SQLite store', (): StoreBackend => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fr-store-'));
  const withDb = <T>(use: (db: ReturnType<typeof openDatabase>) => T): T => {
    const db = openDatabase(dir);
    try {
      return use(db);
    } finally {
      db.close();
    }
  };
  return {
    open: async () => createSqliteStore(openDatabase(dir)),
    openAnother: async () => createSqliteStore(openDatabase(dir)),
    async setThreadState(channel, threadId, state) {
      withDb((db) => db.prepare(`UPDATE threads SET state = ? WHERE channel = ? AND thread_id = ?`).run(state, channel, threadId));
    },
    async threadEvents(channel, threadId) {
      return withDb(
        (db) =>
          db.prepare(`SELECT type, data FROM thread_events WHERE channel = ? AND thread_id = ? ORDER BY id`).all(channel, threadId) as {
            type: string;
            data: string;
          }[],
      );
    },
    sharedPauses: false,
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite store, one process per data folder', () => {
  it('frees every lease at start, so a restarted process takes up its own unfinished work at once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-store-'));
    const before = createSqliteStore(openDatabase(dir));
    await before.acceptMention(mention('m1'), 1, 61);
    await before.acceptMention(mention('m2'), 1, 61);
    await before.commitTurn((await before.claimMentions(1, 2, 30_000))[0]!, answer(), 3);
    await before.claimMentions(10, 4, 30_000);
    await before.claimDueReplies(10, 5, 60_000, []);
    // The process dies here with a mention and a reply under lease.
    await before.close();
    const after = createSqliteStore(openDatabase(dir));
    expect(await after.claimMentions(10, 6, 30_000)).toHaveLength(0);
    await after.releaseLeases();
    expect((await after.claimMentions(10, 6, 30_000)).map((m) => m.platformId)).toEqual(['m2']);
    expect((await after.claimDueReplies(10, 6, 60_000, [])).map((r) => r.idempotencyKey)).toEqual(['sandbox:m1:0']);
    await after.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("issue 21: the mention's language is a column read from its decision, for reports and routing queries", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-store-'));
    const db = openDatabase(dir);
    const store = createSqliteStore(db);
    await store.acceptMention(mention('fr1', { text: 'mon colis est perdu' }), 1, 61);
    await store.acceptMention(mention('un1', { text: 'ok' }), 1, 61);
    await store.acceptMention(mention('old1', { text: 'decided before languages were recorded' }), 1, 61);
    const [fr1, un1, old1] = await store.claimMentions(3, 2, 30_000);
    const understood = (extra: Record<string, unknown>) => ({ intent: 'out_of_scope', confidence: 0.1, ...extra });
    await store.commitTurn(
      fr1!,
      { status: 'handed_off', decision: { reason: 'not_understood', understanding: understood({ language: 'fr' }) }, replies: [] },
      3,
    );
    await store.commitTurn(
      un1!,
      { status: 'handed_off', decision: { reason: 'not_understood', understanding: understood({ language: null }) }, replies: [] },
      3,
    );
    await store.commitTurn(
      old1!,
      { status: 'handed_off', decision: { reason: 'not_understood', understanding: understood({}) }, replies: [] },
      3,
    );
    await store.acceptMention(mention('new1', { text: 'not decided yet' }), 4, 64);
    const rows = db.prepare('SELECT platform_id, language FROM mentions ORDER BY id').all();
    expect(rows).toEqual([
      { platform_id: 'fr1', language: 'fr' },
      { platform_id: 'un1', language: null },
      { platform_id: 'old1', language: null },
      { platform_id: 'new1', language: null },
    ]);
    expect(db.prepare("SELECT count(*) AS n FROM mentions WHERE language = 'fr'").get()).toEqual({ n: 1 });
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the accepts of one moment in one transaction, each answered with its own id', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-store-'));
    const store = createSqliteStore(openDatabase(dir));
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.acceptMention(mention(`g${i % 25}`), 1, 61)));
    expect(new Set(results.map((r) => r.mentionId)).size).toBe(25);
    expect(results.filter((r) => r.duplicate)).toHaveLength(25);
    results.forEach((r, i) => expect(r.mentionId).toBe(results[i % 25]!.mentionId));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finding 2: accepts of many long mentions at one moment go in several transactions, each within the step budget of text', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-store-'));
    const db = openDatabase(dir);
    // The real database, its accept transactions recorded: how much mention text each one wrote.
    const writes: number[] = [];
    const recorded = new Proxy(db, {
      get(target, prop) {
        if (prop === 'transaction') {
          return (fn: (...args: never[]) => unknown) => {
            const tx = target.transaction(fn);
            return (...args: never[]) => {
              const batch = args[0] as unknown;
              if (Array.isArray(batch) && batch.every((a) => (a as { mention?: { text: string } }).mention)) {
                writes.push(batch.reduce((n: number, a: { mention: { text: string } }) => n + Buffer.byteLength(a.mention.text), 0));
              }
              return tx(...args);
            };
          };
        }
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const store = createSqliteStore(recorded);
    const long = 'z'.repeat(400_000);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.acceptMention(mention(`long${i}`, { threadId: `long${i}`, text: long }), 1, 61)),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(20);
    // Two texts a transaction (three would be over 1 MiB), not all twenty in one.
    expect(writes).toEqual(Array(10).fill(800_000));
    expect((await store.getMention(results[19]!.mentionId))!.text).toBe(long);
    // Normal-size mentions of one moment still share one transaction.
    writes.length = 0;
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.acceptMention(mention(`n${i}`), 1, 61)));
    expect(writes).toHaveLength(1);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finding 2: readiness counts mentions by status from an index, never walking long texts; claims and sweeps keep to their partial indexes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-store-'));
    const db = openDatabase(dir);
    // The store's own statements, as it prepares them, planned by SQLite on the real schema.
    const prepared: string[] = [];
    const recorded = new Proxy(db, {
      get(target, prop) {
        if (prop === 'prepare') return (sql: string) => (prepared.push(sql), target.prepare(sql));
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const store = createSqliteStore(recorded);
    await store.acceptMention(mention('m1', { text: 'z'.repeat(200_000) }), 1, 61);
    expect((await store.stats()).mentions).toEqual({ received: 1 });
    const plan = (match: RegExp) => {
      const sql = prepared.find((q) => match.test(q))!;
      expect(sql).toBeDefined();
      const params = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map((m) => [m[1], 0]));
      return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    };
    // Each row's status lies after its text: a scan of the table reads every long text's pages.
    expect(plan(/FROM mentions GROUP BY status/)).toMatch(/USING COVERING INDEX/);
    expect(plan(/UPDATE mentions SET lease_until = @leaseUntil/)).toMatch(/USING INDEX mentions_open/);
    expect(plan(/deadline_at <= @now/)).toMatch(/USING INDEX mentions_deadline/);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
