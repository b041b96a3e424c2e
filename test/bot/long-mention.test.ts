import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleKnowledge, repoRoot, waitFor } from '../helpers/start-service.js';
import { startAcceptingPlatform } from '../helpers/accepting-platform.js';
import { longMentionText, signedTweetDelivery } from '../helpers/long-mentions.js';

const MAIN = path.join(repoRoot, 'dist/bot/main.js');
const X_SECRET = 'long-mention-consumer-secret';
const BRAND_ID = '1600000000000000001';
/**
 * /healthz answers within 100 ms, stretched by how oversubscribed the machine is (load average per
 * core, when above 1): a process that gets a sixth of a core takes six times as long to answer
 * however little it has to do. A frozen service takes minutes, whatever the load.
 */
function healthzBoundMs(): number {
  return 100 * Math.max(1, os.loadavg()[0]! / os.cpus().length);
}

/**
 * The built service as its own process, with the understanding it uses by default (local models,
 * the encoder on a worker thread): its event loop is not the test's, so a frozen service shows as
 * slow /healthz answers here instead of freezing the test.
 */
async function startChild(dataDir: string, xApi: string): Promise<{ child: ChildProcess; url: string }> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      KNOWLEDGE_FILE: exampleKnowledge,
      SANDBOX_MAX_LENGTH: '10000',
      EMBEDDING_CACHE_DIR: path.join(tmpdir(), 'first-reply-test-embeddings'),
      X_CONSUMER_SECRET: X_SECRET,
      X_ACCESS_TOKEN: 'user-token',
      X_USER_ID: BRAND_ID,
      X_API_URL: xApi,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const m = /"address":"(http:\/\/[^"]+)"/.exec(buffered);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`service exited with ${code} before listening`)));
  });
  child.stdout!.resume();
  await waitFor(async () => ((await fetch(`${url}/readyz`)).ok ? true : undefined), 30_000, 'the service to be ready');
  return { child, url };
}

/** Times /healthz round trips one after another until stopped. */
function pollHealthz(url: string): { stop(): Promise<number[]> } {
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        await (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) })).text();
      } catch {
        // no answer in 10 s: counted as such
      }
      times.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return times;
    },
  };
}

async function stats(url: string): Promise<Record<string, number>> {
  return ((await (await fetch(`${url}/readyz`)).json()) as { mentions: Record<string, number> }).mentions;
}

/** Waits until `total` mentions are in and none is left undecided, with /healthz timed meanwhile. */
async function decidedWhileHealthy(
  url: string,
  total: number,
  timeoutMs: number,
  healthz: { stop(): Promise<number[]> },
): Promise<Record<string, number>> {
  const decided = await waitFor(
    async () => {
      const m = await stats(url);
      return Object.values(m).reduce((a, b) => a + b, 0) === total && !m.received ? m : undefined;
    },
    timeoutMs,
    `all ${total} mentions decided`,
  ).finally(async () => {
    // And a little longer: the replies go out after the decisions.
    await new Promise((r) => setTimeout(r, 500));
    const times = await healthz.stop();
    if (process.env.LONG_MENTION_DEBUG) console.log(times.map((t) => t.toFixed(0)).join(' '));
    expect(times.length).toBeGreaterThan(3);
    const bound = healthzBoundMs();
    // Nine in ten answers within the bound, and none past a second (or three times the bound): one
    // round trip can lose its core to the test runner, or wait behind the megabyte body's parse and
    // hash on a loaded machine; a frozen service loses every one of them, for seconds or minutes.
    const sorted = [...times].sort((a, b) => a - b);
    const p90 = sorted[Math.ceil(sorted.length * 0.9) - 1]!;
    expect(p90, `/healthz round trips (ms): p90 of ${times.length}, bound ${bound.toFixed(0)} ms`).toBeLessThan(bound);
    const ceiling = Math.max(1000, 3 * bound);
    expect(Math.max(...times), `/healthz round trips (ms): max of ${times.length}, bound ${ceiling.toFixed(0)} ms`).toBeLessThan(ceiling);
  });
  expect((decided.answered ?? 0) + (decided.handed_off ?? 0)).toBe(total);
  return decided;
}

const post = (url: string, route: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('issue 14 finding 2 — one long mention never freezes the service', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fr-long-mention-'));
  const cleanup: Array<() => unknown> = [];
  let url: string;
  beforeAll(async () => {
    const x = await startAcceptingPlatform();
    cleanup.push(() => x.close());
    const started = await startChild(dataDir, x.url);
    cleanup.push(() => started.child.kill('SIGKILL'));
    url = started.url;
  });
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finding 2: twenty sandbox posts of 10,000 consonants are decided while /healthz stays under 100 ms', {
    timeout: 60_000,
  }, async () => {
    const body = JSON.stringify({ author: '@long', text: longMentionText(10_000) });
    const healthz = pollHealthz(url);
    const posts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post(url, '/sandbox/mentions', body.replace('@long', `@long${i}`))),
    );
    expect(posts.map((p) => p.status)).toEqual(Array(20).fill(202));
    await decidedWhileHealthy(url, 20, 30_000, healthz);
  });

  it('finding 2: a 1 MB mention is decided in bounded time while /healthz stays under 100 ms', { timeout: 60_000 }, async () => {
    // A signed tweet of a million characters (X's own limit is 25,000; the body limit is 1 MiB).
    const { body, signature } = signedTweetDelivery({ secret: X_SECRET, brandUserId: BRAND_ID, n: 1, text: longMentionText(1_000_000) });
    const healthz = pollHealthz(url);
    const delivered = await post(url, '/webhooks/x', body, { 'x-twitter-webhooks-signature': signature });
    expect(delivered.status).toBe(200);
    await decidedWhileHealthy(url, 21, 30_000, healthz);

    // The whole text is kept for people; only what the understander reads is capped.
    const db = new Database(path.join(dataDir, 'first-reply.db'), { readonly: true });
    try {
      expect((db.prepare(`SELECT length(text) AS n FROM mentions WHERE channel = 'x'`).get() as { n: number }).n).toBe(1_000_000);
    } finally {
      db.close();
    }
  });
});
