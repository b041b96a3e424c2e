import path from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@xenova/transformers';
import { normalize, type Embedder } from './embedder.js';

export interface TransformersEmbedderOptions {
  /**
   * Folder of a sentence-embedding model in transformers.js layout: config.json, tokenizer.json,
   * tokenizer_config.json and onnx/model.onnx (or onnx/model_quantized.onnx).
   * With `allowRemoteModels`, a hub id such as "Xenova/all-MiniLM-L6-v2" instead.
   */
  model: string;
  /** Off by default: the service must not reach a model hub unless told to. */
  allowRemoteModels?: boolean;
  /** Use onnx/model_quantized.onnx. */
  quantized?: boolean;
  /** Where remote downloads are cached (only with allowRemoteModels). */
  downloadCacheDir?: string;
  batchSize?: number;
}

/** A MiniLM / bge-small style ONNX encoder run by @xenova/transformers: mean pooling over the mask, then L2 norm. */
export async function createTransformersEmbedder(options: TransformersEmbedderOptions): Promise<Embedder> {
  const allowRemote = options.allowRemoteModels === true;
  const isLocalFolder = !allowRemote || path.isAbsolute(options.model) || options.model.startsWith('.');
  // transformers.js resolves models as <localModelPath>/<name>/...: split the folder accordingly.
  const resolved = path.resolve(options.model);
  const name = isLocalFolder ? path.basename(resolved) : options.model;
  env.allowRemoteModels = allowRemote;
  env.allowLocalModels = true;
  if (isLocalFolder) env.localModelPath = path.dirname(resolved) + path.sep;
  if (options.downloadCacheDir) env.cacheDir = options.downloadCacheDir;
  const extractor = (await pipeline('feature-extraction', name, {
    quantized: options.quantized ?? false,
  })) as FeatureExtractionPipeline;
  const batchSize = options.batchSize ?? 32;
  let dimensions = 0;
  const embedder: Embedder = {
    id: `transformers:${name}${options.quantized ? ':q' : ''}`,
    get dimensions() {
      return dimensions;
    },
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let s = 0; s < texts.length; s += batchSize) {
        const batch = texts.slice(s, s + batchSize);
        const tensor = await extractor(batch as string[], { pooling: 'mean', normalize: false });
        const [rows, dim] = tensor.dims as [number, number];
        const data = tensor.data as Float32Array;
        for (let r = 0; r < rows; r++) out.push(normalize(Float32Array.from(data.subarray(r * dim, (r + 1) * dim))));
        dimensions = dim;
      }
      return out;
    },
    async dispose() {
      await extractor.dispose();
    },
  };
  // Probe once so `dimensions` is known before training.
  await embedder.embed(['dimension probe']);
  return embedder;
}
