import { KnowledgeError } from '../config/knowledge/load-knowledge.js';
import { ChannelSettingsError } from '../config/channel-settings.js';
import { loadSettings, SettingsError } from '../config/settings.js';
import { createService } from './create-service.js';
import { DataDirError } from '../store/data-dir-error.js';

/**
 * One line on stderr for a start that cannot go on, and a non-zero exit. Problems an operator fixes
 * (a setting, the knowledge file, the data folder) are exit 2; anything else exit 1. The stack trace
 * is for developers: printed only with LOG_LEVEL=debug or trace.
 */
function cannotStart(err: unknown): never {
  const known =
    err instanceof SettingsError || err instanceof ChannelSettingsError || err instanceof KnowledgeError || err instanceof DataDirError;
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`first-reply cannot start: ${message}\n`);
  if (['debug', 'trace'].includes(process.env.LOG_LEVEL ?? '') && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  process.exit(known ? 2 : 1);
}

/** Starts first-reply from the environment; exits non-zero with a clear message when it cannot. */
async function main(): Promise<void> {
  let service;
  try {
    const settings = loadSettings();
    service = await createService(settings);
    await service.start();
    const stopAfter = settings.SHUTDOWN_TIMEOUT_SECONDS * 1000;
    const shutdown = (signal: string) => {
      service!.app.log.info({ signal }, 'shutting down');
      // Everything accepted is already stored: a shutdown that overruns loses nothing by exiting.
      const force = setTimeout(() => {
        service!.app.log.warn('shutdown timeout reached: exiting with work left in the store');
        process.exit(0);
      }, stopAfter);
      force.unref();
      service!.stop().then(
        () => process.exit(0),
        (err: unknown) => {
          service!.app.log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  } catch (err) {
    cannotStart(err);
  }
}

await main();
