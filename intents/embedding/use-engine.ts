import type { Log } from '../../shared/log.js';
import type { Embedder } from './embedder.js';
import { createUseEmbedder } from './use-embedder.js';

/** Which runtime computes USE Lite: native ONNX Runtime (default) or TensorFlow.js on WASM. */
export type UseEngine = 'onnx' | 'wasm';

export interface UseLiteOptions {
  engine?: UseEngine;
  /** Where the ONNX engine keeps its converted model (the embedding cache folder). */
  cacheDir?: string;
  /** ONNX Runtime threads inside one model call (default 1). */
  intraOpThreads?: number;
  /** Told (a warning) why the ONNX engine could not start, before falling back to WASM. */
  log: Log;
}

/** The warning of a fallback to WASM: ONNX Runtime would have cost about four times less CPU. */
export function warnFallback(log: Log, reason: string): void {
  log.warn({ reason }, 'USE Lite: ONNX Runtime unavailable; using the TensorFlow.js WASM engine');
}

/**
 * USE Lite on the engine asked for. The ONNX engine gives the same vectors (same id, same caches) about
 * four times cheaper; when onnxruntime-node cannot load (no native binary for this platform) or the
 * conversion fails, the WASM engine takes over and `log` is told why.
 */
export async function createUseLiteEmbedder(options: UseLiteOptions): Promise<Embedder> {
  if ((options.engine ?? 'onnx') === 'wasm') return createUseEmbedder();
  try {
    // Imported on demand: a failing native module must not break the WASM path.
    const { createUseOnnxEmbedder } = await import('./use-onnx/use-onnx-embedder.js');
    return await createUseOnnxEmbedder({ cacheDir: options.cacheDir, intraOpThreads: options.intraOpThreads });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    warnFallback(options.log, reason);
    return createUseEmbedder();
  }
}
