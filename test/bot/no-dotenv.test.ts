import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// dotenv prints a line on every load unless DOTENV_CONFIG_QUIET is set. The only package here that
// requires it is `natural`, from its storage backends, reached by its main entry; the service loads
// only the stemmer's own file. If a new import pulls dotenv in, this says so before logs get noisy.
describe('dotenv', () => {
  it('is loaded by none of the service, the understanding or the CLI modules', async () => {
    await import('../../bot/create-service.js');
    await import('../../bot/cli/load-understander.js');
    await import('../../intents/create-understander.js');
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    expect(loaded.some((file) => file.includes('/node_modules/natural/'))).toBe(true); // the check sees CommonJS packages
    expect(loaded.filter((file) => /\/node_modules\/dotenv\//.test(file))).toEqual([]);
  }, 60_000);
});
