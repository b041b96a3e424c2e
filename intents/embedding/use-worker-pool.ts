import { Worker } from 'node:worker_threads';
import type { Embedder } from './embedder.js';
import { USE_LITE_ID } from './use-embedder.js';
import { warnFallback, type UseLiteOptions } from './use-engine.js';

interface Pending {
  resolve: (v: Float32Array[]) => void;
  reject: (e: Error) => void;
}

/**
 * USE Lite on worker threads, off the thread that takes in mentions (ONNX Runtime's calls block their
 * thread). A batch is split across the threads; each holds its own model (about 60-100 MB with the ONNX
 * engine, 120 MB with WASM). Only from compiled output (the worker is a .js file next to this one).
 */
export async function createUseWorkerPool(threads: number, options: UseLiteOptions = {}): Promise<Embedder> {
  const { onFallback, ...workerData } = options;
  const start = async (): Promise<{ w: Worker; pending: Map<number, Pending> }> => {
    const w = new Worker(new URL('./use-embedder-worker.js', import.meta.url), { workerData });
    const pending = new Map<number, Pending>();
    w.on('message', (m: { id?: number; vectors?: Float32Array[]; error?: string; fallback?: string }) => {
      if (m.fallback !== undefined) {
        (onFallback ?? warnFallback)(m.fallback);
      }
      if (m.id === undefined) return;
      const p = pending.get(m.id);
      pending.delete(m.id);
      // Idle workers must not keep the process alive; busy ones must.
      if (pending.size === 0) w.unref();
      if (m.error) p?.reject(new Error(m.error));
      else p?.resolve(m.vectors!);
    });
    w.on('error', (e) => pending.forEach((p) => p.reject(e)));
    await new Promise<void>((resolve, reject) => {
      const ready = (m: { ready?: boolean }): void => {
        if (m.ready) {
          w.off('message', ready);
          resolve();
        }
      };
      w.on('message', ready);
      w.once('error', reject);
    });
    w.unref();
    return { w, pending };
  };
  // The first thread converts the ONNX model if it is not in the cache yet; the others then reuse it.
  const first = await start();
  const workers = [first, ...(await Promise.all(Array.from({ length: threads - 1 }, start)))];
  let next = 0;
  const call = (i: number, texts: string[]): Promise<Float32Array[]> =>
    new Promise((resolve, reject) => {
      const id = next++;
      workers[i]!.pending.set(id, { resolve, reject });
      workers[i]!.w.ref();
      workers[i]!.w.postMessage({ id, texts });
    });
  return {
    id: USE_LITE_ID,
    dimensions: 512,
    async embed(texts) {
      if (texts.length === 0) return [];
      const per = Math.ceil(texts.length / workers.length);
      const parts = await Promise.all(
        workers.map((_, i) => (i * per < texts.length ? call(i, texts.slice(i * per, (i + 1) * per)) : Promise.resolve([]))),
      );
      return parts.flat();
    },
    async dispose() {
      await Promise.all(workers.map(({ w }) => w.terminate()));
    },
  };
}
