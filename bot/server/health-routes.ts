import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/store.js';

/** Liveness (the process answers) and readiness (it can take mentions now). */
export async function healthRoutes(app: FastifyInstance, opts: { store: Store; isReady: () => boolean }) {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    if (!opts.isReady()) return reply.code(503).send({ status: 'unavailable' });
    const stats = await opts.store.stats();
    return { status: 'ready', mentions: stats.mentions, outbox: stats.outbox };
  });
}
