import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dot, type Embedder } from '../../../intents/embedding/embedder.js';
import { createUseEmbedder } from '../../../intents/embedding/use-embedder.js';
import type { UseWorkerPool } from '../../../intents/embedding/use-worker-pool.js';
import { MENTION_TEXTS } from './use-onnx-texts.js';
import { stderrLog, type Log } from '../../../shared/log.js';

// The pool runs its worker from compiled output: `npm run build` first. Threads are killed with
// Worker#terminate, which is safe inside the TensorFlow.js (WASM) engine; inside an ONNX Runtime call
// it would abort the whole process, which is why dispose() lets ONNX threads leave by themselves.
const dist = path.resolve(import.meta.dirname, '../../../dist/intents/embedding');
const BATCH = [...MENTION_TEXTS, ...MENTION_TEXTS.map((t) => `${t} (again)`)];

async function createPool(
  threads: number,
  engine: 'wasm' | 'onnx' = 'wasm',
  cacheDir?: string,
  log: Log = stderrLog,
): Promise<UseWorkerPool> {
  const compiled = pathToFileURL(path.join(dist, 'use-worker-pool.js')).href;
  const { createUseWorkerPool } = (await import(compiled)) as typeof import('../../../intents/embedding/use-worker-pool.js');
  return createUseWorkerPool(threads, { engine, cacheDir, log });
}

const exited = (w: Worker) => new Promise<void>((resolve) => w.once('exit', () => resolve()));

async function twoLiveThreads(pool: UseWorkerPool, before: readonly Worker[]): Promise<void> {
  while (pool.threads().length < 2) await new Promise((r) => setTimeout(r, 20));
  for (const w of pool.threads()) expect(before).not.toContain(w);
}

describe('USE Lite worker pool when a thread dies (compiled output, two threads)', () => {
  let dir: string;
  let pool: UseWorkerPool;
  let reference: Float32Array[];
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'use-pool-'));
    pool = await createPool(2);
    const inProcess: Embedder = await createUseEmbedder();
    reference = await inProcess.embed(BATCH);
  }, 180_000);
  afterAll(async () => {
    await pool?.dispose?.();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const expectReference = (vectors: Float32Array[]) => {
    expect(vectors).toHaveLength(BATCH.length);
    vectors.forEach((v, i) => expect(dot(v, reference[i]!)).toBeGreaterThan(0.99999));
  };

  it('finishes a batch whose thread is killed mid-batch on the other thread, and replaces the dead one', async () => {
    const before = pool.threads();
    expect(before).toHaveLength(2);
    const batch = pool.embed(BATCH);
    await before[0]!.terminate(); // its half of the batch was posted and not answered
    expectReference(await batch);
    await twoLiveThreads(pool, [before[0]!]);
    expect(pool.threads()).toContain(before[1]);
    expectReference(await pool.embed(BATCH));
  }, 120_000);

  it('with its only thread killed mid-batch, resends the work to the replacement', async () => {
    const single = await createPool(1);
    try {
      const [only] = single.threads();
      const batch = single.embed(BATCH);
      await only!.terminate();
      expectReference(await batch);
      expect(single.threads()).toHaveLength(1);
      expect(single.threads()).not.toContain(only);
    } finally {
      await single.dispose!();
    }
  }, 120_000);

  it('fails a part fast when the thread it was resent to dies too, and still recovers', async () => {
    const [first, second] = pool.threads();
    const batch = pool.embed(BATCH).catch((e: Error) => e);
    // The pool's own exit handler runs first and resends the dead thread's part to the second thread.
    first!.once('exit', () => void second!.terminate());
    await first!.terminate();
    await exited(second!);
    expect(String(await batch)).toMatch(/encoder thread exited/);
    await twoLiveThreads(pool, [first!, second!]);
    expectReference(await pool.embed(BATCH));
  }, 120_000);

  it('rejects work in flight at once when an ONNX pool is disposed, without aborting the process', async () => {
    const other = await createPool(1, 'onnx', dir);
    // Caught at once: TensorFlow.js, loaded in this process, turns an unhandled rejection into a crash.
    const batch = other.embed(BATCH).catch((e: Error) => e);
    await other.dispose!();
    expect(String(await batch)).toMatch(/closed/);
    expect(other.threads()).toHaveLength(0);
    await expect(other.embed(['hello'])).rejects.toThrow(/closed/);
  }, 120_000);
});
