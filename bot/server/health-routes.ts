import type { FastifyInstance } from 'fastify';
import type { KnowledgeStatus } from '../../config/knowledge/live-knowledge.js';
import { STORE_RETRY_AFTER_SECONDS, StoreUnavailableError } from '../../store/store-unavailable.js';
import type { Store } from '../../store/store.js';

/**
 * Liveness (the process answers) and readiness (it can take mentions now). /healthz never touches
 * the store: a locked database or a Redis restart is not cured by restarting this process, and an
 * orchestrator that restarted it would only add an outage; /readyz reports it (503) instead.
 */
export interface HealthRouteOptions {
  store: Store;
  isReady: () => boolean;
  knowledge: () => KnowledgeStatus;
  /**
   * The live text's number in the knowledge history (what the console shows). The status's own
   * count restarts with the process; the history's numbers survive restarts and are shared by instances.
   */
  historyVersion: (sha256: string) => Promise<number | undefined>;
}

export async function healthRoutes(app: FastifyInstance, opts: HealthRouteOptions) {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    if (!opts.isReady()) return reply.code(503).send({ status: 'unavailable' });
    let stats;
    try {
      await opts.store.checkWritable();
      stats = await opts.store.stats();
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      return reply.code(503).header('retry-after', STORE_RETRY_AFTER_SECONDS).send({ status: 'unavailable', reason: err.message });
    }
    const k = opts.knowledge();
    // Anyone who reaches the port may ask: when the last version was refused and how many problems
    // it had, not the file's path nor its texts (editors read those in GET /api/knowledge).
    const version = (await opts.historyVersion(k.sha256)) ?? null;
    return {
      status: 'ready',
      mentions: stats.mentions,
      outbox: stats.outbox,
      knowledge: { version, sha256: k.sha256, loadedAt: k.loadedAt, entries: k.entries, warnings: k.warnings.length, ...(k.lastError ? { lastError: { at: k.lastError.at, source: k.lastError.source, problems: k.lastError.problems.length } } : {}) },
    };
  });
}
