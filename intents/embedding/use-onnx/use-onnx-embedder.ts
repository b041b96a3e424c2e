import { EmbeddingsModel } from '@energetic-ai/embeddings';
// Default import: the package is CommonJS and Node sees none of its named exports.
import ort from 'onnxruntime-node';
import type { Embedder } from '../embedder.js';
import { embedByTokenCount, sparseFeed, unitRows } from '../use-feed.js';
import { forEncoder, USE_LITE_ID } from '../use-embedder.js';
import { linearEncoder } from '../use-tokenizer.js';
import { readUseLiteVocabulary, useLiteModelDir } from './tfjs-graph.js';
import { ensureUseOnnxModel } from './use-onnx-model-file.js';
import { ONNX_INPUTS, ONNX_OUTPUT } from './onnx-model.js';

export interface UseOnnxEmbedderOptions {
  /** Where the converted model is kept (the embedding cache folder); undefined: a temp folder. */
  cacheDir?: string;
  /** Texts per model call. */
  batchSize?: number;
  /**
   * ONNX Runtime's threads inside one model call (default 1). More helps only with idle cores: on a
   * busy 2-core machine a second thread costs more CPU per text than it saves time.
   */
  intraOpThreads?: number;
  /** The tfjs model folder to convert (tests point this at a copy). */
  modelDir?: string;
}

/**
 * USE Lite on native ONNX Runtime: the tfjs graph translated op for op (use-onnx/tf-to-onnx.ts), the
 * same JS SentencePiece tokenizer and the same sparse feed, so the vectors are the tfjs ones (tests hold
 * them to 1e-4 per component) and keep the tfjs id, cache files and shipped models.
 */
export async function createUseOnnxEmbedder(options: UseOnnxEmbedderOptions = {}): Promise<Embedder> {
  const batchSize = options.batchSize ?? 64;
  const modelDir = options.modelDir ?? useLiteModelDir();
  const { file } = ensureUseOnnxModel(options.cacheDir, modelDir);
  const session = await ort.InferenceSession.create(file, {
    intraOpNumThreads: options.intraOpThreads ?? 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
  });
  // The tokenizer alone: the EmbeddingsModel constructor builds it from the vocabulary; no tfjs graph
  // is loaded and no TensorFlow.js backend started.
  const { tokenizer } = new EmbeddingsModel({ vocabulary: readUseLiteVocabulary(modelDir), model: undefined as never });
  const tokenize = linearEncoder(tokenizer);
  const encode = (t: string): number[] => tokenize(forEncoder(t));
  const run = async (encodings: readonly number[][]): Promise<Float32Array[]> => {
    const { indices, values, total } = sparseFeed(encodings);
    const out = await session.run({
      [ONNX_INPUTS.indices]: new ort.Tensor('int32', indices, [total, 2]),
      [ONNX_INPUTS.values]: new ort.Tensor('int32', values, [total]),
    });
    return unitRows(out[ONNX_OUTPUT]!.data as Float32Array, encodings.length);
  };
  return {
    id: USE_LITE_ID,
    dimensions: 512,
    embed: (texts) => embedByTokenCount(texts.map(encode), batchSize, run),
  };
}
