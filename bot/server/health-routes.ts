import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documented } from '../../shared/route-docs.js';
import { errorBody, errorSchema } from '../../shared/http-errors.js';
import type { KnowledgeStatus } from '../../config/knowledge/live-knowledge.js';
import { STORE_RETRY_AFTER_SECONDS, StoreUnavailableError } from '../../store/store-unavailable.js';
import type { Store } from '../../store/store.js';
import type { QuotaLeft } from '../outbox/quota-governor.js';

/**
 * Liveness (the process answers) and readiness (it can take mentions now). /healthz never touches
 * the store: a locked database or a Redis restart is not cured by restarting this process, and an
 * orchestrator that restarted it would only add an outage; /readyz reports it (503) instead.
 */
export interface HealthRouteOptions {
  store: Store;
  /** What is left of each channel's daily allowance (channels with one only). */
  quotaLeft?: () => Promise<Record<string, QuotaLeft>>;
  isReady: () => boolean;
  knowledge: () => KnowledgeStatus;
  /**
   * The live text's number in the knowledge history (what the console shows). The status's own
   * count restarts with the process; the history's numbers survive restarts and are shared by instances.
   */
  historyVersion: (sha256: string) => Promise<number | undefined>;
  /** Whether a publish from the console could write the knowledge file now. */
  knowledgeWritable: () => Promise<boolean>;
}

const unavailable = errorSchema.extend({ status: z.literal('unavailable'), reason: z.string().optional() });
const readySchema = z.object({
  status: z.literal('ready'),
  mentions: z.record(z.string(), z.number()),
  outbox: z.record(z.string(), z.number()),
  quota: z
    .record(
      z.string(),
      z.object({
        units: z.number(),
        perReply: z.number(),
        spent: z.number(),
        left: z.number(),
        reserve: z.number().describe('units only acknowledgements may spend'),
        resetsAt: z.string(),
      }),
    )
    .describe("what is left of each channel's daily allowance (channels with one)"),
  knowledge: z.object({
    version: z.number().nullable().describe("the live text's number in the knowledge history"),
    sha256: z.string(),
    loadedAt: z.string(),
    entries: z.number(),
    warnings: z.number(),
    publishable: z.boolean().describe('false: the file cannot be written, so publishing from the console would fail'),
    lastError: z
      .object({ at: z.string(), source: z.enum(['file', 'publish']), problems: z.number() })
      .optional()
      .describe('the last refused version: when, from where, how many problems'),
  }),
});

export const healthRoutes: FastifyPluginAsyncZod<HealthRouteOptions> = async (app, opts) => {
  app.get(
    '/healthz',
    { schema: { ...documented('Liveness: the process answers'), response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  const readyz = {
    ...documented('Readiness: the store takes writes now; counts, and the live knowledge version'),
    response: { 200: readySchema, 503: unavailable },
  };
  app.get('/readyz', { schema: readyz }, async (_req, reply) => {
    if (!opts.isReady())
      return reply.code(503).send({ ...errorBody(503, 'not ready: starting or stopping'), status: 'unavailable' as const });
    let stats;
    let quota: Record<string, QuotaLeft>;
    try {
      await opts.store.checkWritable();
      stats = await opts.store.stats();
      quota = (await opts.quotaLeft?.()) ?? {};
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      return reply
        .code(503)
        .header('retry-after', STORE_RETRY_AFTER_SECONDS)
        .send({ ...errorBody(503, err.message), status: 'unavailable' as const, reason: err.message });
    }
    const k = opts.knowledge();
    // Anyone who reaches the port may ask: when the last version was refused and how many problems
    // it had, not the file's path nor its texts (editors read those in GET /api/knowledge).
    const version = (await opts.historyVersion(k.sha256)) ?? null;
    return {
      status: 'ready' as const,
      mentions: stats.mentions,
      outbox: stats.outbox,
      quota,
      knowledge: {
        version,
        sha256: k.sha256,
        loadedAt: k.loadedAt,
        entries: k.entries,
        warnings: k.warnings.length,
        publishable: await opts.knowledgeWritable(),
        ...(k.lastError ? { lastError: { at: k.lastError.at, source: k.lastError.source, problems: k.lastError.problems.length } } : {}),
      },
    };
  });
};
