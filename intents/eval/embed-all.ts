import type { CachedEmbedder } from '../embedding/cached-embedder.js';
import { progressBar } from '../../shared/progress.js';

/** Embeds a data set in chunks with a progress bar, keeping vectors in the disk cache for re-runs. */
export async function embedAll(embedder: CachedEmbedder, texts: readonly string[], label: string): Promise<Float32Array[]> {
  const bar = progressBar(label, texts.length);
  const out: Float32Array[] = [];
  const chunk = 256;
  for (let s = 0; s < texts.length; s += chunk) {
    const part = texts.slice(s, s + chunk);
    out.push(...(await embedder.embed(part, { persist: true })));
    bar.tick(part.length);
  }
  bar.done();
  return out;
}
