import type { SqliteDatabase } from './open-database.js';

/**
 * A keyv store on the service's own SQLite file (table kv), so plain state (polling cursors,
 * platform sessions) lives beside the inbox without a second SQLite driver. keyv serialises
 * values and handles TTLs itself; this is the Map-like surface keyv accepts as a store.
 */
export function createSqliteKeyvStore(db: SqliteDatabase) {
  const get = db.prepare('SELECT value FROM kv WHERE key = ?');
  const set = db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const del = db.prepare('DELETE FROM kv WHERE key = ?');
  const clearNamespace = db.prepare(`DELETE FROM kv WHERE key LIKE ? ESCAPE '\\'`);
  return {
    get(key: string): string | undefined {
      return (get.get(key) as { value: string } | undefined)?.value;
    },
    set(key: string, value: unknown): void {
      set.run(key, typeof value === 'string' ? value : JSON.stringify(value));
    },
    delete(key: string): boolean {
      return del.run(key).changes > 0;
    },
    clear(): void {
      clearNamespace.run('%');
    },
    has(key: string): boolean {
      return get.get(key) !== undefined;
    },
  };
}
