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
import { connectTestRedis, deletePrefix, REDIS_URL } from './redis-test-backend.js';
import { describeEntryAnswersContract } from './entry-answers-contract.js';

describeEntryAnswersContract('answers per entry on SQLite', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fr-entry-answers-'));
  const db = openDatabase(dir);
  return {
    open: async () => ({ store: createSqliteStore(db), answers: createSqliteEntryAnswers(db) }),
    async dispose() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeEntryAnswersContract('answers per entry on Redis', () => {
  const prefix = `first-reply-test:${randomUUID()}:`;
  return {
    async open() {
      const client = await connectTestRedis();
      return { store: createRedisStore(client, prefix), answers: createRedisEntryAnswers(scriptRunner(client), prefix) };
    },
    dispose: () => deletePrefix(REDIS_URL, prefix),
  };
});
