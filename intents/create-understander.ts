import path from 'node:path';
import type { Log } from '../shared/log.js';
import type { Embedder } from './embedding/embedder.js';
import { withCache, type CachedEmbedder } from './embedding/cached-embedder.js';
import { createUseLiteEmbedder, type UseEngine } from './embedding/use-engine.js';
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
   * USE Lite's engine: 'onnx' (default; native ONNX Runtime, same vectors about four times cheaper,
   * falls back to 'wasm' with a log line when it cannot load) or 'wasm' (TensorFlow.js).
   */
  useEngine?: UseEngine;
  /**
   * USE Lite off this thread, on this many worker threads (default 0: in-process), each with its own
   * model on one core: about 60-100 MB each with the ONNX engine, 120 MB with WASM.
   */
  workerThreads?: number;
  /** ONNX Runtime threads per call when USE Lite runs in-process (default 1). */
  encoderThreads?: number;
  /** Where the encoder says what an operator should know (USE Lite fell back to WASM): the service's logger. */
  log: Log;
  /** Inject an embedder (tests); replaces the backend choice. */
  embedder?: Embedder;
}

/** Builds the local understander; call `train(entries)` at start-up and on every knowledge reload. */
export async function createUnderstander(options: UnderstanderOptions): Promise<LocalUnderstander> {
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
      await createTransformersEmbedder({
        model: options.modelDir,
        allowRemoteModels: options.allowRemoteModels,
        quantized: options.quantized,
      }),
    );
  } else intentEmbedder = cache(await useLite(options, cacheDir));
  // The ridge head's matrix product runs on the WASM backend of this thread.
  await readyTf();
  // Sentiment and complaint models were trained on USE Lite vectors: keep that encoder for them.
  const toneEmbedder =
    intentEmbedder.id === models.toneEmbedder ? intentEmbedder : cache(await useLite({ ...options, workerThreads: 0 }, cacheDir));
  return new LocalUnderstander(intentEmbedder, toneEmbedder, models, options);
}

async function useLite(options: UnderstanderOptions, cacheDir: string | undefined): Promise<Embedder> {
  const engine = options.useEngine ?? 'onnx';
  const threads = options.workerThreads ?? 0;
  const { log } = options;
  if (threads <= 0) return createUseLiteEmbedder({ engine, cacheDir, intraOpThreads: options.encoderThreads, log });
  const { createUseWorkerPool } = await import('./embedding/use-worker-pool.js');
  // One core per thread, also for ONNX Runtime: its 1.14 thread pool spin-waits, which on a shared
  // machine cost more CPU than a second intra-op thread saved (measured: 3.3 against 2.0 ms per text).
  return createUseWorkerPool(threads, { engine, cacheDir, intraOpThreads: 1, log });
}
