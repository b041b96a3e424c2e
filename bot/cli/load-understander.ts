import { loadSettings } from '../../config/settings.js';
import type { Understander } from '../../intents/understanding.js';
import { stderrLog } from '../../shared/log.js';
import { createConfiguredUnderstander } from '../turn/create-configured-understander.js';

export interface LoadUnderstanderOptions {
  /** Encoder threads when UNDERSTANDING_THREADS is not set (a command walking a file uses every core). */
  threads?: number;
}

/** The understander the service would use, from the same settings (UNDERSTANDING, EMBEDDINGS...). */
export function loadUnderstander(options: LoadUnderstanderOptions = {}): Promise<Understander> {
  const settings = loadSettings();
  const threads = process.env.UNDERSTANDING_THREADS || options.threads === undefined ? {} : { UNDERSTANDING_THREADS: options.threads };
  return createConfiguredUnderstander({ ...settings, ...threads }, stderrLog);
}
