import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dot, type Embedder } from '../../../intents/embedding/embedder.js';
import { createUseEmbedder, USE_LITE_ID } from '../../../intents/embedding/use-embedder.js';
import { createUseOnnxEmbedder } from '../../../intents/embedding/use-onnx/use-onnx-embedder.js';
import { MENTION_TEXTS } from './use-onnx-texts.js';
import { recordingLog } from '../../helpers/recording-log.js';

describe('USE Lite on ONNX Runtime', () => {
  let dir: string;
  let wasm: Embedder;
  let onnx: Embedder;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'use-onnx-'));
    [wasm, onnx] = await Promise.all([createUseEmbedder(), createUseOnnxEmbedder({ cacheDir: dir })]);
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives the TensorFlow.js vectors, to 1e-4 per component, and keeps their id', async () => {
    expect(onnx.id).toBe(USE_LITE_ID);
    expect(onnx.dimensions).toBe(512);
    const [a, b] = await Promise.all([wasm.embed(MENTION_TEXTS), onnx.embed(MENTION_TEXTS)]);
    let worst = 0;
    let lowestCosine = 1;
    MENTION_TEXTS.forEach((_, i) => {
      expect(b[i]!.length).toBe(512);
      for (let j = 0; j < 512; j++) worst = Math.max(worst, Math.abs(a[i]![j]! - b[i]![j]!));
      lowestCosine = Math.min(lowestCosine, dot(a[i]!, b[i]!));
    });
    expect(worst).toBeLessThan(1e-4);
    expect(lowestCosine).toBeGreaterThan(0.99999);
  }, 120_000);

  it('gives a text the same vector alone and in a batch of texts of every length', async () => {
    const batch = await onnx.embed(MENTION_TEXTS);
    for (const i of [0, 6, 9, 34, 47, 48]) {
      const [alone] = await onnx.embed([MENTION_TEXTS[i]!]);
      for (let j = 0; j < 512; j++) expect(Math.abs(alone![j]! - batch[i]![j]!)).toBeLessThan(1e-5);
    }
  }, 60_000);

  it('tells texts apart (not one vector for everything)', async () => {
    const [late, late2, hours] = await onnx.embed(['my parcel is late', 'my package has not arrived yet', 'what are your opening hours']);
    expect(dot(late!, late2!)).toBeGreaterThan(dot(late!, hours!));
  });
});

describe('USE Lite on ONNX Runtime from compiled output (plain Node, two worker threads)', () => {
  it('loads without falling back and gives the in-process vectors', async () => {
    const dist = path.resolve(import.meta.dirname, '../../../dist/intents/embedding');
    const { createUseWorkerPool } = (await import(
      pathToFileURL(path.join(dist, 'use-worker-pool.js')).href
    )) as typeof import('../../../intents/embedding/use-worker-pool.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'use-onnx-pool-'));
    const log = recordingLog();
    const pool = await createUseWorkerPool(2, { engine: 'onnx', cacheDir: dir, log });
    try {
      const inProcess = await createUseOnnxEmbedder({ cacheDir: dir });
      const texts = MENTION_TEXTS.slice(0, 12);
      const [a, b] = await Promise.all([pool.embed(texts), inProcess.embed(texts)]);
      expect(log.lines).toEqual([]);
      texts.forEach((_, i) => expect(dot(a[i]!, b[i]!)).toBeGreaterThan(0.99999));
    } finally {
      await pool.dispose?.();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
