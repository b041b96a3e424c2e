import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Which vitest project a test file belongs to, so each runs where its needs are met:
 * - browser: `*.browser.test.ts` (Chromium);
 * - scale, chaos: their folders (several instances, Redis, stand-in platforms);
 * - integration: a file that reaches Redis, child processes, SQLite files, temporary folders or
 *   compiled output (read from what it imports and calls, so a new test needs no list);
 * - unit: everything else, which needs nothing but Node.
 */
const NEEDS_MORE_THAN_NODE = [
  /from 'redis'|redis-connect|REDIS_URL|redis:\/\/|Redis/,
  /child_process|spawn-service|start-service|platform-service|hold-sqlite-lock/,
  /better-sqlite3|openDatabase|createSqliteStore|createStore|sqlite|DATA_DIR|mkdtemp|temp-dirs/,
  /dist\/|worker_threads|createService|createLiveKnowledge/,
];

export const BROWSER = ['test/**/*.browser.test.ts'];
export const SCALE = ['test/scale/**/*.test.ts'];
export const CHAOS = ['test/chaos/**/*.test.ts'];

function testFiles(root: string, dir = 'test'): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const file = `${dir}/${e.name}`;
    if (e.isDirectory()) return testFiles(root, file);
    return file.endsWith('.test.ts') ? [file] : [];
  });
}

/** Test files (relative to `root`) outside browser/scale/chaos that need more than Node. */
export function integrationFiles(root: string): string[] {
  return testFiles(root).filter(
    (file) =>
      !file.endsWith('.browser.test.ts') &&
      !file.startsWith('test/scale/') &&
      !file.startsWith('test/chaos/') &&
      NEEDS_MORE_THAN_NODE.some((needs) => needs.test(readFileSync(path.join(root, file), 'utf8'))),
  );
}
