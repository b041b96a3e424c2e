import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Settings } from '../../config/settings.js';
import { createKeywordUnderstander } from '../../intents/keyword-understander.js';
import { coalesceUnderstanding } from '../../intents/coalesce-understanding.js';
import type { Understander } from '../../intents/understanding.js';

/**
 * The understander the settings ask for: local models by default, the keyword matcher on request.
 * `log`: where the service says that the encoder fell back to WASM (without one, stderr: the CLI).
 */
export async function createConfiguredUnderstander(settings: Settings, log?: FastifyBaseLogger): Promise<Understander> {
  if (settings.UNDERSTANDING === 'keyword') return createKeywordUnderstander();
  // Imported on demand: the keyword-only service never loads TensorFlow.js.
  const { createUnderstander } = await import('../../intents/create-understander.js');
  const understander = await createUnderstander({
    backend: settings.EMBEDDINGS,
    // The model runs on its own thread(s), so taking in mentions never waits for it.
    workerThreads: settings.EMBEDDINGS === 'use' ? settings.UNDERSTANDING_THREADS : 0,
    useEngine: settings.USE_ENGINE,
    ...(log
      ? {
          onEncoderFallback: (reason: string) =>
            log.warn({ reason }, 'USE Lite: ONNX Runtime unavailable; using the TensorFlow.js WASM engine'),
        }
      : {}),
    ...(settings.ANSWER_THRESHOLD !== undefined ? { answerThreshold: settings.ANSWER_THRESHOLD } : {}),
    ...(settings.MODEL_DIR ? { modelDir: settings.MODEL_DIR } : {}),
    allowRemoteModels: settings.ALLOW_REMOTE_MODELS,
    cacheDir: settings.EMBEDDING_CACHE_DIR ?? path.join(settings.DATA_DIR, 'cache'),
  });
  return coalesceUnderstanding(understander);
}
