import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AcceptResult } from '../../store/store.js';
import { createDrainPacer, DEFAULT_DRAIN_BUDGET, type DrainBudgetPolicy, type DrainPacer } from '../inbox/drain-budget.js';
import type { Mention } from '../../store/mention.js';

declare module 'fastify' {
  interface FastifyInstance {
    intake: {
      /** Stores the mention in the inbox (deduplicated) before it resolves; a new one is the `stored` step. */
      accept(channel: string, mention: Mention): Promise<AcceptResult>;
      /** Shares the loop between intake and the drains. */
      pacer: DrainPacer;
    };
  }
}

export interface IntakeOptions {
  ackDeadlineSeconds: number;
  now: () => number;
  /** The drains' budget while webhooks arrive (tests force it to hold the drain back). */
  drainBudget?: Partial<DrainBudgetPolicy> | undefined;
}

/**
 * Step 1 of a mention's way. Intake first: while webhooks queue (many accepts under way at once),
 * turns and sends get a share of the loop that grows as the oldest waiting mention nears its deadline.
 */
export const intakePlugin = fp(
  async (app: FastifyInstance, opts: IntakeOptions) => {
    const { now } = opts;
    const pacer = createDrainPacer({ now, policy: { ...DEFAULT_DRAIN_BUDGET, ...opts.drainBudget } });
    app.decorate('intake', {
      pacer,
      async accept(channel: string, mention: Mention) {
        const t = now();
        const result = await pacer.intake(app.store.acceptMention(mention, t, t + opts.ackDeadlineSeconds * 1000));
        if (!result.duplicate) {
          app.metrics.mentionReceived(channel);
          app.way.stored.taken(channel);
        }
        return result;
      },
    });
  },
  { name: 'intake', dependencies: ['server', 'store'] },
);
