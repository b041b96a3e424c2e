import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const HASH_BYTES = 20;

/** sha1 of the model id and text: the cache key on disk and in memory. */
export function embeddingKey(modelId: string, text: string): string {
  return createHash('sha1').update(modelId).update('\u0000').update(text).digest('hex');
}

/**
 * Embeddings of knowledge examples, kept across restarts so a reload re-embeds only new phrasings.
 * One append-only file per model: records of [20-byte key][dimensions x float32]. Loaded whole at start
 * (1,000 examples of 512 floats is 2 MB).
 */
export class DiskEmbeddingCache {
  private readonly file: string;
  private readonly entries = new Map<string, Float32Array>();
  private loaded = false;

  constructor(
    cacheDir: string,
    readonly modelId: string,
    readonly dimensions: number,
  ) {
    const safe = modelId.replace(/[^a-zA-Z0-9._-]+/g, '_');
    this.file = path.join(cacheDir, `embeddings-${safe}-${dimensions}.bin`);
  }

  get path(): string {
    return this.file;
  }

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    let buf: Buffer;
    try {
      buf = fs.readFileSync(this.file);
    } catch {
      return;
    }
    const record = HASH_BYTES + this.dimensions * 4;
    // A torn last record (crash mid-append) is ignored.
    for (let off = 0; off + record <= buf.length; off += record) {
      const key = buf.subarray(off, off + HASH_BYTES).toString('hex');
      const vec = new Float32Array(this.dimensions);
      const src = buf.subarray(off + HASH_BYTES, off + record);
      for (let i = 0; i < this.dimensions; i++) vec[i] = src.readFloatLE(i * 4);
      this.entries.set(key, vec);
    }
  }

  get(key: string): Float32Array | undefined {
    this.load();
    return this.entries.get(key);
  }

  /** Appends new vectors in one write. */
  putMany(items: ReadonlyArray<{ key: string; vector: Float32Array }>): void {
    this.load();
    const fresh = items.filter((it) => !this.entries.has(it.key) && it.vector.length === this.dimensions);
    if (fresh.length === 0) return;
    const record = HASH_BYTES + this.dimensions * 4;
    const buf = Buffer.alloc(record * fresh.length);
    fresh.forEach((it, n) => {
      const off = n * record;
      Buffer.from(it.key, 'hex').copy(buf, off);
      for (let i = 0; i < this.dimensions; i++) buf.writeFloatLE(it.vector[i]!, off + HASH_BYTES + i * 4);
      this.entries.set(it.key, it.vector);
    });
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.appendFileSync(this.file, buf);
  }

  get size(): number {
    this.load();
    return this.entries.size;
  }
}
