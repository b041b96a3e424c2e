import path from 'node:path';
import type { StoreSettings } from './create-store.js';

/**
 * Which store the settings open, for people: the SQLite file's full path and fsync policy, or the Redis URL with its
 * user and password removed (a URL may carry them; logs and terminals must not).
 */
export function describeStore(settings: StoreSettings): string {
  // The file openDatabase opens by default.
  if (!settings.REDIS_URL)
    return `SQLite ${path.resolve(settings.DATA_DIR, 'first-reply.db')} (synchronous=${settings.SQLITE_SYNCHRONOUS ?? 'FULL'})`;
  let shown: string;
  try {
    const url = new URL(settings.REDIS_URL);
    url.username = '';
    url.password = '';
    shown = url.toString().replace(/\/$/, '');
  } catch {
    // Validated as redis://… already; anything unparsable is shown as its scheme only.
    shown = `${settings.REDIS_URL.split('://')[0]}://…`;
  }
  return `Redis ${shown} (keys under ${settings.REDIS_PREFIX})`;
}
