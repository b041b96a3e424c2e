import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/open-database.js';
import { createRedisHandoffStore } from '../../store/redis-handoff-store.js';
import { createRedisStore } from '../../store/redis-store.js';
import { indexCustomersOnce } from '../../store/redis-customers.js';
import { scriptRunner } from '../../store/redis-script-runner.js';
import { createSqliteHandoffStore } from '../../store/sqlite-handoff-store.js';
import { createSqliteStore } from '../../store/sqlite-store.js';
import { describeCustomerContract } from './customer-contract.js';
import type { HandoffBackend } from './handoff-store-contract.js';
import { connectTestRedis, deletePrefix, REDIS_URL } from './redis-test-backend.js';
import { mention } from './store-contract.js';

function sqliteBackend(): HandoffBackend {
  const dir = mkdtempSync(path.join(tmpdir(), 'fr-customers-'));
  const dbs: ReturnType<typeof openDatabase>[] = [];
  const open = () => {
    const db = openDatabase(dir);
    dbs.push(db);
    return db;
  };
  return {
    async open() {
      const db = open();
      return { store: createSqliteStore(db), handoff: createSqliteHandoffStore(db) };
    },
    async openAnother() {
      return createSqliteHandoffStore(open());
    },
    async dispose() {
      for (const db of dbs) if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function redisBackend(): HandoffBackend & { prefix: string } {
  const prefix = `first-reply-test:${randomUUID()}:`;
  const clients: Awaited<ReturnType<typeof connectTestRedis>>[] = [];
  const connect = async () => {
    const client = await connectTestRedis();
    clients.push(client);
    return client;
  };
  return {
    prefix,
    async open() {
      const client = await connect();
      return { store: createRedisStore(client, prefix), handoff: createRedisHandoffStore(client, prefix) };
    },
    async openAnother() {
      return createRedisHandoffStore(await connect(), prefix);
    },
    async dispose() {
      for (const c of clients) if (c.isOpen) await c.close();
      await deletePrefix(REDIS_URL, prefix);
    },
  };
}

describeCustomerContract('SQLite customers and tags', sqliteBackend);
describeCustomerContract('Redis customers and tags', redisBackend);

describe('Redis customers: data written before the author index', () => {
  it('indexes older mentions once at start-up, so their authors have their threads', async () => {
    const b = redisBackend();
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
