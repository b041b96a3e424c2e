import { loadSettings } from '../../config/settings.js';
import type { Understander } from '../../intents/understanding.js';
import { stderrLog } from '../../shared/log.js';
import { createConfiguredUnderstander } from '../turn/create-configured-understander.js';

/** The understander the service would use, from the same settings (UNDERSTANDING, EMBEDDINGS...). */
export function loadUnderstander(): Promise<Understander> {
  return createConfiguredUnderstander(loadSettings(), stderrLog);
}
