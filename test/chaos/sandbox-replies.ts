import path from 'node:path';
import Database from 'better-sqlite3';

/** Brand replies per thread in a sandbox platform's own file (DATA_DIR/sandbox.db), read as a platform would count them. */
export function repliesPerThread(dataDir: string, brand = '@acme'): Map<string, number> {
  const db = new Database(path.join(dataDir, 'sandbox.db'), { readonly: true });
  try {
    const rows = db.prepare(`SELECT thread_id AS t, COUNT(*) AS n FROM posts WHERE author = ? GROUP BY thread_id`).all(brand) as {
      t: string;
      n: number;
    }[];
    return new Map(rows.map((r) => [r.t, r.n]));
  } finally {
    db.close();
  }
}
