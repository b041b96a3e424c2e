import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.js';

/** GET /metrics: the Prometheus text exposition of this instance's registry. */
export async function metricsRoute(app: FastifyInstance, opts: { metrics: Metrics }) {
  const { registry } = opts.metrics;
  // Scrapes are frequent and uninteresting: kept out of the request log.
  app.get('/metrics', { logLevel: 'warn', schema: { response: { 200: { type: 'string' } } } }, async (_req, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
