import type { FastifyInstance } from 'fastify';
import { hasBearerToken } from './bearer-token.js';
import type { Metrics } from './metrics.js';

/**
 * GET /metrics: the Prometheus text exposition of this instance's registry. With a token
 * (METRICS_TOKEN) a scrape must send `Authorization: Bearer <token>`; else 401.
 */
export async function metricsRoute(app: FastifyInstance, opts: { metrics: Metrics; token?: string | undefined }) {
  const { registry } = opts.metrics;
  // Scrapes are frequent and uninteresting: kept out of the request log.
  app.get('/metrics', { logLevel: 'warn', schema: { response: { 200: { type: 'string' }, 401: { type: 'object', properties: { error: { type: 'string' }, message: { type: 'string' } } } } } }, async (req, reply) => {
    if (opts.token !== undefined && !hasBearerToken(req.headers.authorization, opts.token)) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').type('application/json').send({ error: 'Unauthorized', message: 'send Authorization: Bearer <METRICS_TOKEN>' });
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
