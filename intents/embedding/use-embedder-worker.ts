import { parentPort, workerData } from 'node:worker_threads';
import type { Log } from '../../shared/log.js';
import { createUseLiteEmbedder, type UseLiteOptions } from './use-engine.js';

/** Worker side of the USE Lite pool: one model per thread, one request at a time. */
const options = (workerData ?? {}) as Omit<UseLiteOptions, 'log'>;
// A logger cannot cross threads: its lines go to the pool, which writes them to its own.
const relay =
  (level: keyof Log) =>
  (fields: object, message: string): void =>
    parentPort!.postMessage({ log: { level, fields, message } });
const embedder = await createUseLiteEmbedder({ ...options, log: { info: relay('info'), warn: relay('warn'), error: relay('error') } });
let busy = 0;
let closing = false;
// Terminating a thread inside an ONNX Runtime call aborts the whole process: on `close` the thread
// leaves by itself once its running calls have returned.
const leaveIfDone = (): void => {
  if (closing && busy === 0) process.exit(0); // ends this thread only
};
parentPort!.on('message', (msg: { id: number; texts: string[] } | { close: true }) => {
  if ('close' in msg) {
    closing = true;
    return leaveIfDone();
  }
  busy++;
  embedder
    .embed(msg.texts)
    .then(
      (vectors) =>
        parentPort!.postMessage(
          { id: msg.id, vectors },
          vectors.map((v) => v.buffer as ArrayBuffer),
        ),
      (err: unknown) => parentPort!.postMessage({ id: msg.id, error: String(err) }),
    )
    .finally(() => {
      busy--;
      leaveIfDone();
    });
});
parentPort!.postMessage({ ready: true });
