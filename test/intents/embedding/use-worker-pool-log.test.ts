import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { recordingLog } from '../../helpers/recording-log.js';
import { MENTION_TEXTS } from './use-onnx-texts.js';

// The pool runs its worker from compiled output: `npm run build` first. In a file of its own: ONNX
// Runtime's native module cannot be loaded again in a process whose earlier ONNX threads have all exited.
const dist = path.resolve(import.meta.dirname, '../../../dist/intents/embedding');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'use-pool-log-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("USE Lite worker pool: its threads' log lines", () => {
  it("tells the caller's logger, from its thread, why ONNX Runtime could not start, and still embeds (WASM)", async () => {
    const { createUseWorkerPool } = (await import(
      pathToFileURL(path.join(dist, 'use-worker-pool.js')).href
    )) as typeof import('../../../intents/embedding/use-worker-pool.js');
    // A cache "folder" that is a file: the ONNX model cannot be written, the thread falls back to WASM.
    const notAFolder = path.join(dir, 'not-a-folder');
    fs.writeFileSync(notAFolder, 'x');
    const log = recordingLog();
    const pool = await createUseWorkerPool(1, { engine: 'onnx', cacheDir: notAFolder, log });
    try {
      expect(log.lines).toEqual([
        { level: 'warn', fields: { reason: expect.any(String) }, message: expect.stringContaining('TensorFlow.js WASM') },
      ]);
      const vectors = await pool.embed(MENTION_TEXTS.slice(0, 4));
      expect(vectors.map((v) => v.length)).toEqual([512, 512, 512, 512]);
    } finally {
      await pool.dispose!();
    }
  }, 120_000);
});
