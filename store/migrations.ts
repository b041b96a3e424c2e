import type Database from 'better-sqlite3';

import { MIGRATIONS_1_TO_9 } from './migrations-1-9.js';
import { MIGRATIONS_FROM_10 } from './migrations-10-on.js';

/** Schema versions, applied in order; never edit a released one, add the next (to migrations-10-on.ts). */
const MIGRATIONS: string[] = [...MIGRATIONS_1_TO_9, ...MIGRATIONS_FROM_10];

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The database schema (version ${current}) is newer than this first-reply (knows ${MIGRATIONS.length}): upgrade first-reply.`,
    );
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
