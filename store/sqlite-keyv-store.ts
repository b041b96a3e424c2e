import { groupCommit } from './group-commit.js';
import type { SqliteDatabase } from './open-database.js';

type Write = { op: 'set'; key: string; value: string } | { op: 'delete'; key: string };

/**
 * A keyv store on the service's own SQLite file (table kv), so plain state (polling cursors,
 * platform sessions, sent replies' thread roots) lives beside the inbox without a second SQLite
 * driver. keyv serialises values and handles TTLs itself; this is the Map-like surface keyv accepts
 * as a store. Writes made within one turn of the event loop commit in one transaction, in order
 * (a burst of replies remembers thousands of thread roots a second).
 */
export function createSqliteKeyvStore(db: SqliteDatabase) {
  const get = db.prepare('SELECT value FROM kv WHERE key = ?');
  const set = db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const del = db.prepare('DELETE FROM kv WHERE key = ?');
  const clearNamespace = db.prepare(`DELETE FROM kv WHERE key LIKE ? ESCAPE '\\'`);
  const write = groupCommit(
    db.transaction((writes: Write[]) => writes.map((w) => (w.op === 'set' ? set.run(w.key, w.value).changes : del.run(w.key).changes) > 0)),
  );
  return {
    get(key: string): string | undefined {
      return (get.get(key) as { value: string } | undefined)?.value;
    },
    async set(key: string, value: unknown): Promise<void> {
      await write({ op: 'set', key, value: typeof value === 'string' ? value : JSON.stringify(value) });
    },
    delete(key: string): Promise<boolean> {
      return write({ op: 'delete', key });
    },
    clear(): void {
      clearNamespace.run('%');
    },
    has(key: string): boolean {
      return get.get(key) !== undefined;
    },
  };
}
