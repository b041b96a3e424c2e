import path from 'node:path';
import type { Embedder } from './embedding/embedder.js';
import { withCache, type CachedEmbedder } from './embedding/cached-embedder.js';
import { createUseEmbedder } from './embedding/use-embedder.js';
import { shippedModels } from './models/shipped-models.js';
import { readyTf } from './learn/gram-matrix.js';
import { LocalUnderstander, type LocalUnderstanderOptions } from './local-understander.js';

export interface UnderstanderOptions extends LocalUnderstanderOptions {
  /** 'use' (default): Universal Sentence Encoder Lite, offline. 'transformers': a local ONNX model. */
  backend?: 'use' | 'transformers';
  /** Model folder for the transformers backend (or a hub id when allowRemoteModels). */
  modelDir?: string;
  /** Let the transformers backend download from the model hub. Off by default. */
  allowRemoteModels?: boolean;
  quantized?: boolean;
  /** On-disk cache of example embeddings (default ./data/cache); false for none. */
  cacheDir?: string | false;
  /** In-memory cache of embeddings: entries and time to live. */
  memoryCacheEntries?: number;
  memoryCacheTtlMs?: number;
  /**
   * USE Lite on this many worker threads (default 0: in-process). Raises throughput on several cores
   * at about 120 MB of memory per thread.
   */
  workerThreads?: number;
  /** Inject an embedder (tests); replaces the backend choice. */
  embedder?: Embedder;
}

/** Builds the local understander; call `train(entries)` at start-up and on every knowledge reload. */
export async function createUnderstander(options: UnderstanderOptions = {}): Promise<LocalUnderstander> {
  const cacheDir = options.cacheDir === false ? undefined : path.resolve(options.cacheDir ?? './data/cache');
  const cache = (e: Embedder): CachedEmbedder =>
    withCache(e, { cacheDir, maxEntries: options.memoryCacheEntries, ttlMs: options.memoryCacheTtlMs });
  const models = shippedModels();
  let intentEmbedder: CachedEmbedder;
  if (options.embedder) intentEmbedder = cache(options.embedder);
  else if (options.backend === 'transformers') {
    if (!options.modelDir) throw new Error('the transformers backend needs modelDir (a local model folder)');
    // Imported on demand: onnxruntime costs memory and start-up time the default backend does not need.
    const { createTransformersEmbedder } = await import('./embedding/transformers-embedder.js');
    intentEmbedder = cache(
      await createTransformersEmbedder({ model: options.modelDir, allowRemoteModels: options.allowRemoteModels, quantized: options.quantized }),
    );
  } else if (options.workerThreads && options.workerThreads > 0) {
    const { createUseWorkerPool } = await import('./embedding/use-worker-pool.js');
    intentEmbedder = cache(await createUseWorkerPool(options.workerThreads));
  } else intentEmbedder = cache(await createUseEmbedder());
  // The ridge head's matrix product runs on the WASM backend of this thread.
  await readyTf();
  // Sentiment and complaint models were trained on USE Lite vectors: keep that encoder for them.
  const toneEmbedder = intentEmbedder.id === models.toneEmbedder ? intentEmbedder : cache(await createUseEmbedder());
  return new LocalUnderstander(intentEmbedder, toneEmbedder, models, options);
}
