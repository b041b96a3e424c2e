import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleKnowledge, repoRoot, waitFor } from '../helpers/start-service.js';

const MAIN = path.join(repoRoot, 'dist/bot/main.js');
const TOTAL = 500;

/** Starts the built service as a real child process and resolves with its URL. */
function startChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      KNOWLEDGE_FILE: exampleKnowledge,
      SANDBOX_REPLY_DELAY_MS: '15',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const m = /"address":"(http:\/\/[^"]+)"/.exec(buffered);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`service exited with ${code} before listening`)));
  });
}

async function post(url: string, i: number): Promise<boolean> {
  const text = i % 2 === 0 ? `@acme my parcel is late (order ${i})` : `@acme question number ${i} about my invoice`;
  try {
    const res = await fetch(`${url}/sandbox/mentions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: `crash-${i}`, author: `@user${i}`, text }),
    });
    return res.status === 202;
  } catch {
    return false; // the process died under us: the platform will deliver again
  }
}

describe('crash recovery', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fr-crash-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every one of 500 mentions exactly once across a SIGKILL mid-processing', async () => {
    const first = await startChild(dataDir);
    children.push(first.child);
    const sentBeforeKill = () => {
      const db = new Database(path.join(dataDir, 'first-reply.db'), { readonly: true });
      try {
        return (db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'`).get() as { n: number }).n;
      } finally {
        db.close();
      }
    };

    // Post all 500, 25 at a time, and kill the service once replies are going out.
    const accepted = new Array<boolean>(TOTAL).fill(false);
    let killed = false;
    const killer = waitFor(() => (sentBeforeKill() >= 60 ? true : undefined), 20_000, 'replies to start').then(() => {
      first.child.kill('SIGKILL');
      killed = true;
    });
    for (let i = 0; i < TOTAL; i += 25) {
      const batch = await Promise.all(Array.from({ length: Math.min(25, TOTAL - i) }, (_, j) => post(first.url, i + j)));
      batch.forEach((ok, j) => (accepted[i + j] = ok));
      if (killed) break;
    }
    await killer;
    await new Promise((r) => (first.child.exitCode !== null || first.child.signalCode ? r(null) : first.child.once('exit', r)));
    const sentAtKill = sentBeforeKill();
    expect(sentAtKill).toBeLessThan(TOTAL); // killed mid-processing, not after

    // Restart on the same data; the platform re-delivers whatever was not acknowledged.
    const second = await startChild(dataDir);
    children.push(second.child);
    for (let i = 0; i < TOTAL; i += 25) {
      await Promise.all(
        Array.from({ length: Math.min(25, TOTAL - i) }, (_, j) => i + j)
          .filter((k) => !accepted[k])
          .map(async (k) => (accepted[k] = await post(second.url, k))),
      );
    }
    expect(accepted.every(Boolean)).toBe(true);

    const sandbox = new Database(path.join(dataDir, 'sandbox.db'), { readonly: true });
    const repliesPerThread = () =>
      new Map(
        (
          sandbox.prepare(`SELECT thread_id AS t, COUNT(*) AS n FROM posts WHERE author = '@acme' GROUP BY thread_id`).all() as {
            t: string;
            n: number;
          }[]
        ).map((r) => [r.t, r.n]),
      );
    await waitFor(() => (repliesPerThread().size === TOTAL ? true : undefined), 30_000, 'a reply in every thread');
    await new Promise((r) => setTimeout(r, 500)); // anything sent twice would show up now
    const counts = repliesPerThread();
    sandbox.close();
    const twice = [...counts.entries()].filter(([, n]) => n !== 1);
    expect(twice).toEqual([]);
    for (let i = 0; i < TOTAL; i++) expect(counts.get(`crash-${i}`), `crash-${i}`).toBe(1);
    console.info(
      `crash test: killed after ${sentAtKill} of ${TOTAL} replies were sent; ${accepted.length} mentions, each answered exactly once`,
    );
  }, 90_000);
});
