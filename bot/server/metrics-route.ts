import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documented } from '../../shared/route-docs.js';
import { errorResponses, sendError } from '../../shared/http-errors.js';
import { hasBearerToken } from './bearer-token.js';
import type { Metrics } from './metrics.js';

/**
 * GET /metrics: the Prometheus text exposition of this instance's registry. With a token
 * (METRICS_TOKEN) a scrape must send `Authorization: Bearer <token>`; else 401.
 */
export const metricsRoute: FastifyPluginAsyncZod<{ metrics: Metrics; token?: string | undefined }> = async (app, opts) => {
  const { registry } = opts.metrics;
  // Scrapes are frequent and uninteresting: kept out of the request log.
  const schema = {
    ...documented('Prometheus metrics (text exposition); with METRICS_TOKEN set, send Authorization: Bearer <token>'),
    response: { 200: z.string(), ...errorResponses(401) },
  };
  app.get('/metrics', { logLevel: 'warn', schema }, async (req, reply) => {
    if (opts.token !== undefined && !hasBearerToken(req.headers.authorization, opts.token)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"').type('application/json');
      return sendError(reply, 401, 'send Authorization: Bearer <METRICS_TOKEN>');
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
};
