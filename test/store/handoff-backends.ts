import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../store/open-database.js';
import { createRedisHandoffStore } from '../../store/redis-handoff-store.js';
import { createRedisStore } from '../../store/redis-store.js';
import { createSqliteHandoffStore } from '../../store/sqlite-handoff-store.js';
import { createSqliteStore } from '../../store/sqlite-store.js';
import type { HandoffBackend } from './handoff-store-contract.js';
import { connectTestRedis, deletePrefix, REDIS_URL } from './redis-test-backend.js';

/** A fresh SQLite file per backend, removed at dispose. */
export function sqliteHandoffBackend(): HandoffBackend {
  const dir = mkdtempSync(path.join(tmpdir(), 'fr-handoff-'));
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

/** A fresh key prefix per backend on the test Redis, deleted at dispose; one connection per "instance". */
export function redisHandoffBackend(): HandoffBackend & { prefix: string } {
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
