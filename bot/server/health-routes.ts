import type { FastifyInstance } from 'fastify';
import type { KnowledgeStatus } from '../../config/knowledge/live-knowledge.js';
import type { Store } from '../store/store.js';

/** Liveness (the process answers) and readiness (it can take mentions now). */
export async function healthRoutes(app: FastifyInstance, opts: { store: Store; isReady: () => boolean; knowledge: () => KnowledgeStatus }) {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    if (!opts.isReady()) return reply.code(503).send({ status: 'unavailable' });
    const stats = await opts.store.stats();
    const k = opts.knowledge();
    return {
      status: 'ready',
      mentions: stats.mentions,
      outbox: stats.outbox,
      knowledge: { version: k.version, loadedAt: k.loadedAt, entries: k.entries, warnings: k.warnings.length, ...(k.lastError ? { lastError: k.lastError } : {}) },
    };
  });
}
