import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { withCache, type CachedEmbedder } from '../../intents/embedding/cached-embedder.js';
import { forEncoder } from '../../intents/embedding/use-embedder.js';
import { createUseLiteEmbedder } from '../../intents/embedding/use-engine.js';
import type { Log } from '../../shared/log.js';

/** Distinct texts kept for the run: a retweet or a copied complaint hours later is not encoded again. */
const REMEMBERED = 100_000;

export interface BatchEncoder {
  /** One unit vector per text, in order; each distinct text (handles and links aside) encoded once. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  readonly threads: number;
  readonly stats: { requested: number; computed: number };
  dispose(): Promise<void>;
}

/**
 * USE Lite for the offline grouping: a thread per core (each call's texts split across them), so the
 * encoder, which is most of the run's work, uses the whole machine. In-thread when run from the
 * TypeScript sources (the pool's worker is compiled output) or on one core.
 */
export async function createBatchEncoder(log: Log): Promise<BatchEncoder> {
  const threads = Math.max(1, availableParallelism());
  const worker = fileURLToPath(new URL('../../intents/embedding/use-embedder-worker.js', import.meta.url));
  const pooled = threads > 1 && import.meta.url.endsWith('.js') && existsSync(worker);
  const inner = pooled
    ? await (await import('../../intents/embedding/use-worker-pool.js')).createUseWorkerPool(threads, { engine: 'onnx', log })
    : await createUseLiteEmbedder({ log });
  const cached: CachedEmbedder = withCache(inner, { maxEntries: REMEMBERED, ttlMs: Number.POSITIVE_INFINITY });
  return {
    // The key is the text the model sees: the same words to other handles are one text.
    embed: (texts) => cached.embed(texts.map(forEncoder)),
    threads: pooled ? threads : 1,
    stats: cached.stats,
    dispose: async () => cached.dispose?.(),
  };
}
