import type { FastifyInstance } from 'fastify';
import { requireRole } from '../access/require-role.js';
import { compareRank } from '../queue-order.js';
import type { HandoffStore } from '../store/handoff-store.js';
import { OPEN_STATES } from '../thread-state.js';
import { summarizeThread, type SummaryContext } from '../thread-summary.js';
import { threadSummarySchema } from './schemas.js';

export interface QueueRouteOptions {
  handoff: HandoffStore;
  summaryContext: () => SummaryContext;
}

/** The queue: threads waiting for a person or owned by one, highest priority first. */
export async function queueRoutes(app: FastifyInstance, opts: QueueRouteOptions) {
  app.get(
    '/api/queue',
    {
      preHandler: requireRole('agent'),
      config: { openapi: { summary: 'Open threads (waiting, agent), by urgency, negative sentiment, complaint, then time waiting', role: 'agent' } },
      schema: { response: { 200: { type: 'object', properties: { threads: { type: 'array', items: threadSummarySchema } } } } },
    },
    async () => {
      const ctx = opts.summaryContext();
      const threads = (await opts.handoff.listThreads(OPEN_STATES)).map(({ thread, latest }) => summarizeThread(thread, latest, ctx));
      threads.sort((a, b) => compareRank(a.rank, b.rank));
      return { threads: threads.map(({ rank: _rank, ...summary }) => summary) };
    },
  );
}
