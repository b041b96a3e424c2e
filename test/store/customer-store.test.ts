import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/open-database.js';
import { createSqliteCustomers } from '../../store/sqlite-customers.js';
import { indexCustomersOnce } from '../../store/redis-customers.js';
import { scriptRunner } from '../../store/redis-script-runner.js';
import { describeCustomerContract } from './customer-contract.js';
import { connectTestRedis } from './redis-test-backend.js';
import { mention } from './store-contract.js';
import { redisHandoffBackend, sqliteHandoffBackend } from './handoff-backends.js';

describeCustomerContract('SQLite customers and tags', sqliteHandoffBackend);
describeCustomerContract('Redis customers and tags', redisHandoffBackend);

describe('SQLite customers: the author index', () => {
  it("reads an author's posts and counts their threads from mentions_author alone, never a channel's every mention", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-customers-'));
    const db = openDatabase(dir);
    const prepared: string[] = [];
    const recorded = new Proxy(db, {
      get(target, prop) {
        if (prop === 'prepare') return (sql: string) => (prepared.push(sql), target.prepare(sql));
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const customers = createSqliteCustomers(recorded, () => undefined);
    // The counts are prepared on first use, one statement per number of authors.
    void customers.customerThreads([{ channel: 'x', author: '@ann' }], 10);
    void customers.customerThreads(
      [
        { channel: 'x', author: '@ann' },
        { channel: 'x', author: '@bob' },
      ],
      10,
    );
    const plans = prepared
      .filter((q) => /FROM mentions\b.*\bauthor = /s.test(q))
      .map((q) => {
        const params = Object.fromEntries([...q.matchAll(/@(\w+)/g)].map((m) => [m[1], 'x']));
        const bound = q.includes('@') ? [params] : ['x', 'x'];
        return (db.prepare(`EXPLAIN QUERY PLAN ${q}`).all(...bound) as { detail: string }[]).map((r) => r.detail).join(' | ');
      });
    expect(plans.length).toBeGreaterThanOrEqual(3);
    for (const plan of plans) {
      expect(plan).toMatch(/USING COVERING INDEX mentions_author /);
      expect(plan).not.toMatch(/mentions_thread/);
    }
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('Redis customers: data written before the author index', () => {
  it('indexes older mentions once at start-up, so their authors have their threads', async () => {
    const b = redisHandoffBackend();
    const { store, handoff } = await b.open();
    const client = await connectTestRedis();
    try {
      await store.acceptMention(mention('m1', { threadId: 'old' }), 1, 61);
      await store.acceptMention(mention('m2', { threadId: 'new' }), 2, 62);
      // As written by a release without the index.
      await client.del(`${b.prefix}author-threads:sandbox:@ann`);
      expect((await handoff.customerThreads([{ channel: 'sandbox', author: '@ann' }], 10)).total).toBe(0);
      await indexCustomersOnce(client, b.prefix, scriptRunner(client));
      const { threads } = await handoff.customerThreads([{ channel: 'sandbox', author: '@ann' }], 10);
      expect(threads.map((t) => t.thread.threadId)).toEqual(['new', 'old']);
      // Once: the flag is kept.
      await client.del(`${b.prefix}author-threads:sandbox:@ann`);
      await indexCustomersOnce(client, b.prefix, scriptRunner(client));
      expect((await handoff.customerThreads([{ channel: 'sandbox', author: '@ann' }], 10)).total).toBe(0);
    } finally {
      await client.close();
      await store.close();
      await b.dispose();
    }
  });
});
