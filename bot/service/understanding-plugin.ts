import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Settings } from '../../config/settings.js';
import type { Understander } from '../../intents/understanding.js';
import { createConfiguredUnderstander } from '../turn/create-configured-understander.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Local understanding of a mention (intent, sentiment, language...), trained on the knowledge file. */
    understander: Understander;
  }
}

/** The understanding the settings ask for, or the one given (tests). */
export const understandingPlugin = fp(
  async (app: FastifyInstance, opts: { settings: Settings; understander?: Understander | undefined }) => {
    app.decorate('understander', opts.understander ?? (await createConfiguredUnderstander(opts.settings, app.log)));
  },
  { name: 'understanding', dependencies: ['server'] },
);
