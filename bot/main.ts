import { KnowledgeError } from '../config/knowledge/load-knowledge.js';
import { ChannelSettingsError } from '../config/channel-settings.js';
import { loadSettings, SettingsError } from '../config/settings.js';
import { createService } from './create-service.js';

/** Starts first-reply from the environment; exits non-zero with a clear message on bad settings. */
async function main(): Promise<void> {
  process.env.DOTENV_CONFIG_QUIET ??= 'true';
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
    if (err instanceof SettingsError || err instanceof ChannelSettingsError || err instanceof KnowledgeError) {
      process.stderr.write(`first-reply cannot start: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

await main();
