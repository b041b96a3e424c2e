import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/open-database.js';
import { holdSqliteLock, type HeldLock } from '../helpers/hold-sqlite-lock.js';
import { repoRoot } from '../helpers/start-service.js';

const MAIN = path.join(repoRoot, 'dist/bot/main.js');

/** Runs the built entry point with only the settings given (and no channel but the sandbox). */
function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr, ms: Date.now() - started })));
}

/** chattr +i: the one way to refuse root a write here (root ignores permission bits; no read-only mount in a test). */
function immutable(file: string, on: boolean): boolean {
  try {
    execFileSync('chattr', [on ? '+i' : '-i', file], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const canChattr = (() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fr-chattr-'));
  const ok = immutable(dir, true) && immutable(dir, false);
  rmSync(dir, { recursive: true, force: true });
  return ok;
})();

/** The message is one line naming the path and the reason; no stack trace; a non-zero exit. */
function expectClearRefusal(result: { code: number | null; stderr: string }, where: string, reason: RegExp) {
  expect(result.code).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`first-reply cannot start: ${where}: `);
  expect(lines[0]).toMatch(reason);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('issue 14 finding 12 — data folder problems at start', () => {
  const cleanups: (() => void)[] = [];
  let lock: HeldLock | undefined;
  afterEach(async () => {
    await lock?.release();
    lock = undefined;
    for (const c of cleanups.splice(0).reverse()) c();
  });
  const base = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-datadir-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };

  it('finding 12: DATA_DIR missing and not creatable (a file where a parent folder should be)', async () => {
    const file = path.join(base(), 'not-a-folder');
    writeFileSync(file, 'x');
    const dataDir = path.join(file, 'data');
    expectClearRefusal(await start({ DATA_DIR: dataDir }), dataDir, /a part of the path is a file, not a folder/);
  });

  it('finding 12: DATA_DIR is a file', async () => {
    const file = path.join(base(), 'data');
    writeFileSync(file, 'x');
    expectClearRefusal(await start({ DATA_DIR: file }), file, /is a file, not a folder/);
  });

  it.skipIf(!canChattr)('finding 12: DATA_DIR not writable (immutable folder)', async () => {
    const dataDir = base();
    immutable(dataDir, true);
    cleanups.push(() => immutable(dataDir, false));
    expectClearRefusal(await start({ DATA_DIR: dataDir }), dataDir, /cannot write here/);
  });

  it.skipIf(!canChattr)('finding 12: the database file is read-only (immutable file)', async () => {
    const dataDir = base();
    openDatabase(dataDir).close();
    const db = path.join(dataDir, 'first-reply.db');
    immutable(db, true);
    cleanups.push(() => immutable(db, false));
    expectClearRefusal(await start({ DATA_DIR: dataDir }), db, /the database file is read-only/);
  });

  it('finding 12: the database file is locked by another process', { timeout: 30_000 }, async () => {
    const dataDir = base();
    openDatabase(dataDir).close();
    const db = path.join(dataDir, 'first-reply.db');
    lock = await holdSqliteLock(db);
    const result = await start({ DATA_DIR: dataDir });
    expectClearRefusal(result, db, /the database is locked by another process/);
  });

  it('finding 12: the database file is not a database', async () => {
    const dataDir = base();
    const db = path.join(dataDir, 'first-reply.db');
    writeFileSync(db, 'this is a text file, not a database. '.repeat(200));
    expectClearRefusal(await start({ DATA_DIR: dataDir }), db, /not a SQLite database/);
  });

  it('finding 12: the sandbox database is not a database either, named by its own path', async () => {
    const dataDir = base();
    mkdirSync(dataDir, { recursive: true });
    const db = path.join(dataDir, 'sandbox.db');
    writeFileSync(db, 'not sqlite '.repeat(200));
    expectClearRefusal(await start({ DATA_DIR: dataDir }), db, /not a SQLite database/);
  });

  it('finding 12: LOG_LEVEL=debug adds the stack trace for developers', async () => {
    const file = path.join(base(), 'data');
    writeFileSync(file, 'x');
    const result = await start({ DATA_DIR: file, LOG_LEVEL: 'debug' });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(`first-reply cannot start: ${file}: is a file, not a folder`);
    expect(result.stderr).toMatch(/DataDirError[\s\S]*\n\s+at /);
  });
});
