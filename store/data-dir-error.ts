/**
 * The data folder or a database file in it cannot be used: the service cannot start. The message
 * names the path and the reason in words (main.ts prints it as one line, without a stack trace).
 */
export class DataDirError extends Error {
  override name = 'DataDirError';
  constructor(
    readonly path: string,
    readonly reason: string,
    cause?: unknown,
  ) {
    super(`${path}: ${reason}`, { cause });
  }
}

const FILE_REASONS: Record<string, string> = {
  EACCES: 'permission denied: the service cannot write here',
  EPERM: 'operation not permitted: the service cannot write here',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'is a file, not a folder',
  ENOENT: 'does not exist and cannot be created',
  ENOSPC: 'no space left on the device',
  ELOOP: 'too many symbolic links',
};

/** SQLite's error codes (better-sqlite3's `code`), most specific first. */
const SQLITE_REASONS: [RegExp, string][] = [
  [/^SQLITE_(BUSY|LOCKED)/, 'the database is locked by another process'],
  [/^SQLITE_READONLY/, 'the database file is read-only (check its permissions and attributes, and those of its folder)'],
  [/^SQLITE_CANTOPEN/, 'cannot create or open the database file (is the folder writable?)'],
  [/^SQLITE_NOTADB/, 'not a SQLite database'],
  [/^SQLITE_CORRUPT/, 'the database file is corrupt'],
  [/^SQLITE_FULL/, 'no space left on the device'],
  [/^SQLITE_(IOERR|PERM|AUTH)/, 'cannot read or write the database file'],
];

/** The reason an operation on a data file failed, in words (the original message when unknown). */
export function describeDataError(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const known = FILE_REASONS[code] ?? SQLITE_REASONS.find(([pattern]) => pattern.test(code))?.[1];
  // SQLite's own words stay alongside ours: they tell an operator what to search for.
  return known ? (code.startsWith('SQLITE_') ? `${known} (${message})` : known) : message;
}

/** The database is busy: another connection holds the write lock (an outside process, a backup). */
export function isSqliteBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}
