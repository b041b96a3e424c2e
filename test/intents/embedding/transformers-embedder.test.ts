import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '@xenova/transformers';
import { createTransformersEmbedder } from '../../../intents/embedding/transformers-embedder.js';
import type { Embedder } from '../../../intents/embedding/embedder.js';
import { makeTinyModel, TINY_HIDDEN, TINY_VOCAB, tinyWordRow } from '../fixtures/make-tiny-model.js';
import { stderrLog } from '../../../shared/log.js';

/** What mean pooling over the real tokens ([CLS] words [SEP], type 0) followed by L2 norm must give. */
function expected(words: string[]): number[] {
  const ids = ['[CLS]', ...words, '[SEP]'].map((w) => TINY_VOCAB.indexOf(w));
  const sum = new Array<number>(TINY_HIDDEN).fill(0);
  for (const id of ids) tinyWordRow(id).forEach((v, c) => (sum[c]! += v + 0.05));
  const mean = sum.map((v) => v / ids.length);
  const norm = Math.hypot(...mean);
  return mean.map((v) => v / norm);
}

describe('transformers embedder on a generated ONNX model', () => {
  let dir: string;
  let embedder: Embedder;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiny-model-'));
    makeTinyModel(path.join(dir, 'tiny-bert'));
    embedder = await createTransformersEmbedder({ model: path.join(dir, 'tiny-bert') });
  });

  afterAll(async () => {
    await embedder?.dispose?.();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads from the local folder with hub downloads off', () => {
    expect(env.allowRemoteModels).toBe(false);
    expect(embedder.dimensions).toBe(TINY_HIDDEN);
    expect(embedder.id).toBe('transformers:tiny-bert');
  });

  it('mean-pools the token states and normalises', async () => {
    const [v] = await embedder.embed(['My order is late']);
    expect(Array.from(v!)).toEqual(expected(['my', 'order', 'is', 'late']).map((x) => expect.closeTo(x, 5)));
    expect(Math.hypot(...v!)).toBeCloseTo(1, 5);
  });

  it('ignores padding when a batch mixes lengths', async () => {
    const [alone] = await embedder.embed(['hello']);
    const [padded, long] = await embedder.embed(['hello', 'where is my order please thanks the app is down']);
    expect(Array.from(padded!)).toEqual(Array.from(alone!).map((x) => expect.closeTo(x, 5)));
    expect(Array.from(long!)).not.toEqual(Array.from(alone!));
  });

  it('drives the understander when chosen as backend', async () => {
    const { createUnderstander } = await import('../../../intents/create-understander.js');
    const { entrySchema } = await import('../../../config/knowledge/schema.js');
    const u = await createUnderstander({
      backend: 'transformers',
      modelDir: path.join(dir, 'tiny-bert'),
      cacheDir: path.join(dir, 'cache'),
      log: stderrLog,
    });
    await u.train([
      entrySchema.parse({
        id: 'late-orders',
        kind: 'incident',
        title: 't',
        examples: ['where is my order', 'my order is late'],
        reply: 'r',
      }),
      entrySchema.parse({ id: 'refunds', kind: 'campaign', title: 't', examples: ['refund please', 'thanks for the refund'], reply: 'r' }),
    ]);
    const r = await u.understand({ text: 'my order is late', channel: 'x' });
    expect(r.decision).toBe('answer');
    expect(r.entryId).toBe('late-orders');
    // Example embeddings were cached on disk under the transformers model's id.
    expect(fs.readdirSync(path.join(dir, 'cache')).some((f) => f.includes('transformers_tiny-bert'))).toBe(true);
  });

  it('refuses a hub model id when remote models are not allowed', async () => {
    await expect(createTransformersEmbedder({ model: 'Xenova/all-MiniLM-L6-v2' })).rejects.toThrow();
  });
});
