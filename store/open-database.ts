import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DataDirError, describeDataError } from './data-dir-error.js';
import { migrate } from './migrations.js';

export type SqliteDatabase = Database.Database;

/**
 * How long a statement waits for another connection's write lock. better-sqlite3 waits
 * synchronously, blocking the event loop (and /healthz with it): the service waits only briefly and
 * answers SQLITE_BUSY as "store unavailable" (503, retried by the platform and by the workers).
 */
export const SERVICE_BUSY_TIMEOUT_MS = 20;
/** At start nothing is served yet: a lock left by an instance still stopping may be waited out. */
const START_BUSY_TIMEOUT_MS = 2000;

export interface OpenDatabaseOptions {
  /** The busy timeout once open (default SERVICE_BUSY_TIMEOUT_MS; the CLI, which serves nobody, waits longer). */
  busyTimeoutMs?: number;
  /** SQLite's fsync policy (the SQLITE_SYNCHRONOUS setting); default FULL. */
  synchronous?: SqliteSynchronous | undefined;
}

export type SqliteSynchronous = 'FULL' | 'NORMAL';

/** The data folder exists (created if needed), is a folder, and may be written; else a DataDirError naming it. */
export function ensureDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw new DataDirError(dataDir, describeDataError(err), err);
  }
  if (!statSync(dataDir).isDirectory()) throw new DataDirError(dataDir, 'is a file, not a folder');
  try {
    accessSync(dataDir, constants.W_OK);
  } catch (err) {
    throw new DataDirError(dataDir, describeDataError(err), err);
  }
}

/**
 * Opens (creating if needed) the SQLite file under `dataDir`, in WAL mode. synchronous=FULL (the
 * default): each commit fsyncs the log, so a committed mention survives a power cut or an OS crash;
 * group commit (one transaction per turn of the event loop) shares that fsync between the mentions
 * arriving together. NORMAL: a commit survives the process being killed at any point, but a power cut
 * can lose the last few. A folder or file that cannot be used fails with a DataDirError naming it.
 */
export function openDatabase(dataDir: string, file = 'first-reply.db', options: OpenDatabaseOptions = {}): SqliteDatabase {
  ensureDataDir(dataDir);
  const filePath = path.join(dataDir, file);
  let db: SqliteDatabase | undefined;
  try {
    db = new Database(filePath);
    db.pragma(`busy_timeout = ${START_BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    // The schema's steps need no fsync each: the first commit under FULL syncs the log they are in.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    // A file SQLite could open only for reading (its permissions or attributes refuse writing) reads
    // fine until the first write: found now, not at the first mention.
    probeWrite(db);
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? SERVICE_BUSY_TIMEOUT_MS}`);
    return db;
  } catch (err) {
    if (db?.open) db.close();
    throw new DataDirError(filePath, describeDataError(err), err);
  }
}

/**
 * Takes the write lock and writes a row, then rolls back: throws SQLITE_BUSY while another
 * connection holds the lock, SQLITE_READONLY when the file cannot be written.
 */
export function probeWrite(db: SqliteDatabase): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(`INSERT OR REPLACE INTO kv (key, value) VALUES ('first-reply:write-probe', '')`);
  } finally {
    db.exec('ROLLBACK');
  }
}
