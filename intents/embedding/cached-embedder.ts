import type { Embedder } from './embedder.js';
import { LruCache } from '../../shared/lru-cache.js';
import { DiskEmbeddingCache, embeddingKey } from './disk-embedding-cache.js';

export interface EmbedOptions {
  /** Also keep the vectors on disk (knowledge examples, not mentions). */
  persist?: boolean;
}

export interface CachedEmbedder extends Embedder {
  embed(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array[]>;
  /** How many texts went to the model, for tests and the bench. */
  readonly stats: { requested: number; computed: number };
}

export interface CacheOptions {
  /** Folder for the on-disk cache of example embeddings; omit to keep nothing on disk. */
  cacheDir?: string;
  maxEntries?: number;
  ttlMs?: number;
  now?: () => number;
}

/**
 * Never embeds the same text twice within the TTL: memory LRU first, then the disk cache, and the rest
 * in one batched call (duplicates in a batch embedded once).
 */
export function withCache(inner: Embedder, options: CacheOptions = {}): CachedEmbedder {
  const lru = new LruCache<Float32Array>(options.maxEntries ?? 5_000, options.ttlMs ?? 60 * 60_000, options.now);
  let disk: DiskEmbeddingCache | undefined;
  const diskCache = (): DiskEmbeddingCache | undefined => {
    if (!options.cacheDir) return undefined;
    disk ??= new DiskEmbeddingCache(options.cacheDir, inner.id, inner.dimensions);
    return disk;
  };
  const stats = { requested: 0, computed: 0 };
  return {
    id: inner.id,
    get dimensions() {
      return inner.dimensions;
    },
    stats,
    async embed(texts, embedOptions = {}) {
      stats.requested += texts.length;
      const out: (Float32Array | undefined)[] = new Array(texts.length);
      const missing = new Map<string, { text: string; at: number[] }>();
      const store = embedOptions.persist ? diskCache() : undefined;
      texts.forEach((text, i) => {
        const key = embeddingKey(inner.id, text);
        const hit = lru.get(key) ?? store?.get(key);
        if (hit) {
          out[i] = hit;
          lru.set(key, hit);
          return;
        }
        const m = missing.get(key);
        if (m) m.at.push(i);
        else missing.set(key, { text, at: [i] });
      });
      if (missing.size > 0) {
        const keys = [...missing.keys()];
        const vectors = await inner.embed(keys.map((k) => missing.get(k)!.text));
        stats.computed += keys.length;
        keys.forEach((k, n) => {
          const v = vectors[n]!;
          lru.set(k, v);
          for (const i of missing.get(k)!.at) out[i] = v;
        });
        store?.putMany(keys.map((k, n) => ({ key: k, vector: vectors[n]! })));
      }
      return out as Float32Array[];
    },
    dispose: inner.dispose?.bind(inner),
  };
}
