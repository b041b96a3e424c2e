import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../store/open-database.js';
import { createSqliteStore } from '../../store/sqlite-store.js';
import { createSqliteHandoffStore } from '../../store/sqlite-handoff-store.js';
import { describeHandoffStoreContract, type HandoffBackend } from './handoff-store-contract.js';
import { describeNoReplyContract } from './no-reply-contract.js';

function sqliteHandoffBackend(): HandoffBackend {
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

describeHandoffStoreContract('SQLite handoff store', sqliteHandoffBackend);
describeNoReplyContract('SQLite no-reply view', sqliteHandoffBackend);
