import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { knowledgeFileWritable } from '../../config/knowledge/file-writable.js';
import { healthRoutes } from '../server/health-routes.js';
import { metricsRoute } from '../server/metrics-route.js';

/**
 * /healthz, /readyz and /metrics, registered last: ready once every plugin before it is (and
 * until the close begins).
 */
export const healthPlugin = fp(
  async (app: FastifyInstance, opts: { metricsToken?: string | undefined }) => {
    let ready = false;
    app.addHook('onReady', async () => void (ready = true));
    app.addHook('preClose', async () => void (ready = false));
    await app.register(healthRoutes, {
      store: app.store,
      quotaLeft: () => app.quota.left(Date.now()),
      isReady: () => ready,
      knowledge: () => app.knowledge.status(),
      historyVersion: async (sha) => (await app.knowledgeHistory.versionOf(sha))?.version,
      knowledgeWritable: async () => (await knowledgeFileWritable(app.knowledge.status().file)).writable,
    });
    await app.register(metricsRoute, { metrics: app.metrics, token: opts.metricsToken });
    // Someone opening the service's address in a browser wants the console.
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.redirect('/console'));
  },
  { name: 'health', dependencies: ['store', 'knowledge', 'channels'] },
);
