import { parentPort, workerData } from 'node:worker_threads';
import { createUseLiteEmbedder, type UseLiteOptions } from './use-engine.js';

/** Worker side of the USE Lite pool: one model per thread, one request at a time. */
const options = (workerData ?? {}) as Omit<UseLiteOptions, 'onFallback'>;
const embedder = await createUseLiteEmbedder({
  ...options,
  onFallback: (reason) => parentPort!.postMessage({ fallback: reason }),
});
parentPort!.on('message', (msg: { id: number; texts: string[] }) => {
  embedder.embed(msg.texts).then(
    (vectors) => parentPort!.postMessage({ id: msg.id, vectors }, vectors.map((v) => v.buffer as ArrayBuffer)),
    (err: unknown) => parentPort!.postMessage({ id: msg.id, error: String(err) }),
  );
});
parentPort!.postMessage({ ready: true });
