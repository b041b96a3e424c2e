import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../bot/store/open-database.js';
import { createSqliteStore } from '../../../bot/store/sqlite-store.js';
import { describeStoreContract, type StoreBackend } from './store-contract.js';

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
      return withDb((db) => db.prepare(`SELECT type, data FROM thread_events WHERE channel = ? AND thread_id = ? ORDER BY id`).all(channel, threadId) as { type: string; data: string }[]);
    },
    sharedPauses: false,
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
