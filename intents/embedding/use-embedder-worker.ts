import { parentPort } from 'node:worker_threads';
import { createUseEmbedder } from './use-embedder.js';

/** Worker side of the USE Lite pool: one model per thread, one request at a time. */
const embedder = await createUseEmbedder();
parentPort!.on('message', (msg: { id: number; texts: string[] }) => {
  embedder.embed(msg.texts).then(
    (vectors) => parentPort!.postMessage({ id: msg.id, vectors }, vectors.map((v) => v.buffer as ArrayBuffer)),
    (err: unknown) => parentPort!.postMessage({ id: msg.id, error: String(err) }),
  );
});
parentPort!.postMessage({ ready: true });
