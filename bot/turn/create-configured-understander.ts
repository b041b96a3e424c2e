import path from 'node:path';
import type { Settings } from '../../config/settings.js';
import { createKeywordUnderstander } from '../../intents/keyword-understander.js';
import { coalesceUnderstanding } from '../../intents/coalesce-understanding.js';
import { understandByLanguage } from '../../intents/language-understander.js';
import type { Understander } from '../../intents/understanding.js';
import type { Log } from '../../shared/log.js';

/**
 * The understander the settings ask for: local models by default, the keyword matcher on request.
 * `log`: where the encoder says that it fell back to WASM (the service's logger; a CLI's stderrLog).
 */
export async function createConfiguredUnderstander(settings: Settings, log: Log): Promise<Understander> {
  // Each language the knowledge file has examples in is understood against its own (language-understander.ts).
  if (settings.UNDERSTANDING === 'keyword') return understandByLanguage(createKeywordUnderstander());
  // Imported on demand: the keyword-only service never loads TensorFlow.js.
  const { createUnderstander } = await import('../../intents/create-understander.js');
  const understander = await createUnderstander({
    backend: settings.EMBEDDINGS,
    // The model runs on its own thread(s), so taking in mentions never waits for it.
    workerThreads: settings.EMBEDDINGS === 'use' ? settings.UNDERSTANDING_THREADS : 0,
    useEngine: settings.USE_ENGINE,
    log,
    ...(settings.ANSWER_THRESHOLD !== undefined ? { answerThreshold: settings.ANSWER_THRESHOLD } : {}),
    ...(settings.MODEL_DIR ? { modelDir: settings.MODEL_DIR } : {}),
    allowRemoteModels: settings.ALLOW_REMOTE_MODELS,
    cacheDir: settings.EMBEDDING_CACHE_DIR ?? path.join(settings.DATA_DIR, 'cache'),
  });
  return understandByLanguage(coalesceUnderstanding(understander), () => coalesceUnderstanding(understander.fork()));
}
