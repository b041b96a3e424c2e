import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../store/open-database.js';
import { createSqliteStore } from '../../store/sqlite-store.js';
import { createSqliteHandoffStore } from '../../store/sqlite-handoff-store.js';
import { createSqliteSearchStore } from '../../store/sqlite-search-store.js';
import { createRedisStore } from '../../store/redis-store.js';
import { createRedisHandoffStore } from '../../store/redis-handoff-store.js';
import { createRedisSearchStore } from '../../store/redis-search-store.js';
import { connectTestRedis, deletePrefix, REDIS_URL } from './redis-test-backend.js';
import { describeSearchStoreContract, type SearchBackend } from './search-store-contract.js';

function sqliteSearchBackend(): SearchBackend {
  const dir = mkdtempSync(path.join(tmpdir(), 'fr-search-'));
  let db: ReturnType<typeof openDatabase> | undefined;
  return {
    async open() {
      db = openDatabase(dir);
      return { store: createSqliteStore(db), handoff: createSqliteHandoffStore(db), search: createSqliteSearchStore(db) };
    },
    async dispose() {
      if (db?.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function redisSearchBackend(): SearchBackend {
  const prefix = `first-reply-test:${randomUUID()}:`;
  let client: Awaited<ReturnType<typeof connectTestRedis>> | undefined;
  return {
    async open() {
      client = await connectTestRedis();
      return {
        store: createRedisStore(client, prefix),
        handoff: createRedisHandoffStore(client, prefix),
        search: createRedisSearchStore(client, prefix),
      };
    },
    async dispose() {
      if (client?.isOpen) await client.close();
      await deletePrefix(REDIS_URL, prefix);
    },
  };
}

describeSearchStoreContract('SQLite search store', sqliteSearchBackend);
describeSearchStoreContract('Redis search store', redisSearchBackend);
