import { spawn } from 'node:child_process';
import { repoRoot } from './start-service.js';

export interface HeldLock {
  /** Lets go of the lock and waits for the holder to exit. */
  release(): Promise<void>;
}

// A second better-sqlite3 connection in another process, as an operator's `sqlite3` shell or a
// backup tool would hold it: BEGIN EXCLUSIVE, a write, and nothing more until told.
const HOLDER = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.exec('BEGIN EXCLUSIVE');
db.exec("INSERT OR REPLACE INTO kv (key, value) VALUES ('test:lock-holder', 'held')");
process.stdout.write('locked\\n');
process.stdin.on('data', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });
`;

/** Holds the write lock of the SQLite file at `file` from a child process until released. */
export async function holdSqliteLock(file: string): Promise<HeldLock> {
  const child = spawn(process.execPath, ['-e', HOLDER, file], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c) => String(c).includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code}) before locking: ${stderr}`)));
  });
  return {
    async release() {
      child.stdin.write('release\n');
      await exited;
    },
  };
}
