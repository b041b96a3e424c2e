import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withCache } from '../../../intents/embedding/cached-embedder.js';
import { LruCache } from '../../../shared/lru-cache.js';
import type { Embedder } from '../../../intents/embedding/embedder.js';
import { tempDirs } from '../../helpers/temp-dirs.js';

/** Deterministic fake model that records every text it was asked to embed. */
function countingEmbedder(): Embedder & { seen: string[] } {
  const seen: string[] = [];
  return {
    id: 'fake-model',
    dimensions: 4,
    seen,
    async embed(texts) {
      seen.push(...texts);
      return texts.map((t) => Float32Array.from([t.length, t.charCodeAt(0) || 0, 1, 0.5]));
    },
  };
}

const tmp = tempDirs('emb-cache-');

describe('embedding cache', () => {
  it('embeds each distinct text once, including duplicates within one batch', async () => {
    const inner = countingEmbedder();
    const e = withCache(inner);
    const a = await e.embed(['refund please', 'hello', 'refund please']);
    const b = await e.embed(['hello', 'new text']);
    expect(inner.seen).toEqual(['refund please', 'hello', 'new text']);
    expect(a[0]).toBe(a[2]);
    expect(b[0]).toBe(a[1]);
    expect(e.stats).toEqual({ requested: 5, computed: 3 });
  });

  it('embeds again once the time window has passed', async () => {
    let now = 0;
    const inner = countingEmbedder();
    const e = withCache(inner, { ttlMs: 1000, now: () => now });
    await e.embed(['hello']);
    now = 999;
    await e.embed(['hello']);
    expect(inner.seen).toHaveLength(1);
    now = 2500;
    await e.embed(['hello']);
    expect(inner.seen).toHaveLength(2);
  });

  it('evicts the least recently used entry', () => {
    const lru = new LruCache<number>(2, 60_000);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
  });

  it('keeps persisted example embeddings on disk across restarts, keyed by model', async () => {
    const cacheDir = tmp();
    const first = countingEmbedder();
    const v1 = await withCache(first, { cacheDir }).embed(['where is my order', 'app down'], { persist: true });
    const second = countingEmbedder();
    const v2 = await withCache(second, { cacheDir }).embed(['app down', 'where is my order', 'brand new'], { persist: true });
    expect(second.seen).toEqual(['brand new']);
    expect(Array.from(v2[0]!)).toEqual(Array.from(v1[1]!));
    // Another model never reads these vectors.
    const other = { ...countingEmbedder(), id: 'other-model' };
    await withCache(other, { cacheDir }).embed(['app down'], { persist: true });
    expect(other.seen).toEqual(['app down']);
  });

  it('does not write mentions (non-persisted texts) to disk', async () => {
    const cacheDir = tmp();
    await withCache(countingEmbedder(), { cacheDir }).embed(['a customer mention']);
    expect(fs.readdirSync(cacheDir)).toEqual([]);
  });
});
