import { Worker } from 'node:worker_threads';
import type { Embedder } from './embedder.js';
import { USE_LITE_ID } from './use-embedder.js';
import type { Log } from '../../shared/log.js';
import type { UseLiteOptions } from './use-engine.js';

/** Part of a batch sent to one thread. */
interface Job {
  texts: string[];
  /** A job whose thread died is sent once more; if that thread dies too, the job fails. */
  retried: boolean;
  resolve: (v: Float32Array[]) => void;
  reject: (e: Error) => void;
}

interface Thread {
  w: Worker;
  jobs: Map<number, Job>;
}

/** How long dispose() lets a thread finish its running call before stopping it. */
const CLOSE_WAIT_MS = 10_000;

export interface UseWorkerPool extends Embedder {
  /** The threads now answering (a test kills one to see it replaced). */
  threads(): readonly Worker[];
}

/**
 * USE Lite on worker threads, off the thread that takes in mentions (ONNX Runtime's calls block their
 * thread). A batch is split across the threads; each holds its own model (about 60-100 MB with the ONNX
 * engine, 120 MB with WASM). A thread that dies is replaced, and its unfinished work goes to a live
 * thread at once, so no mention waits on a dead one. Only from compiled output (the worker is a .js file
 * next to this one).
 */
export async function createUseWorkerPool(threads: number, options: UseLiteOptions): Promise<UseWorkerPool> {
  const { log, ...workerData } = options;
  let closed = false;
  let nextId = 0;
  /** Per slot: the thread answering, undefined while its replacement starts. */
  const live: (Thread | undefined)[] = [];
  /** Per slot: the thread answering or its replacement starting (rejected if it could not start). */
  const slots: Promise<Thread>[] = [];

  const start = (slot: number): Promise<Thread> => {
    const w = new Worker(new URL('./use-embedder-worker.js', import.meta.url), { workerData });
    const t: Thread = { w, jobs: new Map() };
    let failure: Error | undefined;
    w.on(
      'message',
      (m: { id?: number; vectors?: Float32Array[]; error?: string; log?: { level: keyof Log; fields: object; message: string } }) => {
        if (m.log) log[m.log.level](m.log.fields, m.log.message);
        if (m.id === undefined) return;
        const job = t.jobs.get(m.id);
        t.jobs.delete(m.id);
        // Idle workers must not keep the process alive; busy ones must.
        if (t.jobs.size === 0) w.unref();
        if (m.error) job?.reject(new Error(m.error));
        else job?.resolve(m.vectors!);
      },
    );
    w.on('error', (e) => (failure = e));
    return new Promise<Thread>((resolve, reject) => {
      const ready = (m: { ready?: boolean }): void => {
        if (!m.ready) return;
        w.off('message', ready);
        if (closed) return void w.terminate(); // a replacement that started after dispose()
        w.unref();
        live[slot] = t;
        resolve(t);
      };
      w.on('message', ready);
      w.once('exit', (code) => {
        const reason = failure ?? new Error(`encoder thread exited with code ${code}`);
        if (live[slot] !== t) return reject(reason); // died before it was ready: the slot stays empty
        live[slot] = undefined;
        if (!closed) {
          slots[slot] = start(slot);
          slots[slot]!.catch(() => undefined); // a failed start is seen by whoever waits on the slot
        }
        for (const job of t.jobs.values()) {
          if (job.retried || closed) job.reject(reason);
          else {
            job.retried = true;
            void dispatch(job);
          }
        }
        t.jobs.clear();
      });
    });
  };

  const send = (t: Thread, job: Job): void => {
    const id = nextId++;
    t.jobs.set(id, job);
    t.w.ref();
    t.w.postMessage({ id, texts: job.texts });
  };

  /** To the live thread with the least work; with none live, to the first replacement that starts. */
  const dispatch = async (job: Job): Promise<void> => {
    if (closed) return job.reject(new Error('encoder pool closed'));
    let best: Thread | undefined;
    for (const t of live) if (t && (!best || t.jobs.size < best.jobs.size)) best = t;
    if (best) return send(best, job);
    try {
      await Promise.any(slots);
    } catch {
      return job.reject(new Error('no encoder thread could start'));
    }
    return dispatch(job);
  };

  /** Callers stop waiting at once; the thread leaves after its running call (see the worker). */
  const close = async (t: Thread): Promise<void> => {
    const gone = new Promise((resolve) => t.w.once('exit', resolve));
    for (const job of t.jobs.values()) job.reject(new Error('encoder pool closed'));
    t.jobs.clear();
    t.w.postMessage({ close: true });
    const stuck = setTimeout(() => void t.w.terminate(), CLOSE_WAIT_MS);
    await gone;
    clearTimeout(stuck);
  };

  const run = (texts: string[]): Promise<Float32Array[]> =>
    new Promise((resolve, reject) => void dispatch({ texts, retried: false, resolve, reject }));

  // The first thread converts the ONNX model if it is not in the cache yet; the others then reuse it.
  slots.push(start(0));
  await slots[0];
  for (let i = 1; i < threads; i++) slots.push(start(i));
  await Promise.all(slots);
  return {
    id: USE_LITE_ID,
    dimensions: 512,
    async embed(texts) {
      if (texts.length === 0) return [];
      const per = Math.ceil(texts.length / threads);
      const parts: Promise<Float32Array[]>[] = [];
      for (let i = 0; i * per < texts.length; i++) parts.push(run(texts.slice(i * per, (i + 1) * per)));
      return (await Promise.all(parts)).flat();
    },
    threads: () => live.filter((t): t is Thread => t !== undefined).map((t) => t.w),
    async dispose() {
      closed = true;
      await Promise.all(live.map((t) => t && close(t)));
    },
  };
}
