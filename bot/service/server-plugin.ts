import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { apiDocs } from '../server/api-docs.js';
import { internalErrors } from '../server/internal-errors.js';
import { createMetrics, type Metrics } from '../server/metrics.js';
import { securityHeaders } from '../server/security-headers.js';
import { STORE_RETRY_AFTER_SECONDS, StoreUnavailableError } from '../../store/store-unavailable.js';
import { createMentionWay, type MentionWay } from './mention-way.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** This instance's Prometheus metrics (GET /metrics); every part feeds its own through it. */
    metrics: Metrics;
    /** A mention's way through the service as named steps (see mention-way.ts). */
    way: MentionWay;
  }
}

/** What every other plugin stands on: answers' headers and errors, the schema language and its document, the metrics, the mention's way. */
export const serverPlugin = fp(
  async (app: FastifyInstance) => {
    // Before any route: every answer, errors and 404s included, gets them.
    await app.register(securityHeaders);
    await app.register(internalErrors);
    // A store that cannot take the write now (503): the caller (a platform, the console) is told when to try again.
    app.addHook('onError', async (_req, reply, err) => {
      if (err instanceof StoreUnavailableError) reply.header('retry-after', String(STORE_RETRY_AFTER_SECONDS));
    });
    // Zod schemas for every route after it, and the OpenAPI document (/openapi.json, /docs) of them all.
    await app.register(apiDocs, { title: 'first-reply API', version: '1' });
    app.decorate('metrics', createMetrics());
    app.decorate('way', createMentionWay());
  },
  { name: 'server' },
);
