import type { FastifyBaseLogger } from 'fastify';
import type { HandoffMetrics } from './service-parts.js';
import type { HandoffStore, ListedThread } from '../store/handoff-store.js';
import type { ThreadActions } from './thread-actions.js';
import { OPEN_STATES } from '../store/thread-state.js';

export interface HandoffLoopDeps {
  handoff: HandoffStore;
  actions: ThreadActions;
  /** Claims idle this long go back to the queue. */
  claimIdleMs: number;
  /** Sends SLA warnings and breach notices (once per thread) for the threads due (the store's SLA clocks). */
  checkSla?: (now: number) => Promise<void>;
  /** The open threads with their latest mentions, for autoAssign only (default: the store's listing; the service passes the queue's shared one). */
  listOpen?: () => Promise<readonly ListedThread[]>;
  /** Assigns the waiting threads of auto-assigned team queues, in the listing's order; returns how many. Only then are open threads listed. */
  autoAssign?: (open: readonly ListedThread[]) => Promise<number>;
  metrics?: HandoffMetrics;
  log: FastifyBaseLogger;
  intervalMs?: number;
  now: () => number;
}

/**
 * The handoff layer's clock: every few seconds, idle claims return to the queue, auto-assigned
 * team queues go to their agents, SLA warnings go out, and the open-handoffs gauge is refreshed. Several instances may run it at once: each step is
 * a compare-and-set (a release) or recorded once (a notification).
 */
export function createHandoffLoop(deps: HandoffLoopDeps) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const tick = async () => {
    try {
      const released = await deps.actions.releaseIdle(deps.claimIdleMs);
      if (released > 0) deps.log.info({ released }, 'idle claims returned to the queue');
      // The gauge from the queue index's count, the notices from the SLA clocks: no listing of every open thread.
      if (deps.metrics) deps.metrics.setHandoffsOpen((await deps.handoff.queueCounts('')).open);
      if (deps.autoAssign) {
        const open = await (deps.listOpen ? deps.listOpen() : deps.handoff.listThreads(OPEN_STATES));
        const assigned = await deps.autoAssign(open);
        if (assigned > 0) deps.log.info({ assigned }, 'threads auto-assigned');
      }
      await deps.checkSla?.(deps.now());
    } catch (err) {
      deps.log.error({ err }, 'handoff loop failed; trying again at the next tick');
    }
  };

  return {
    start() {
      timer ??= setInterval(() => {
        running ??= tick().finally(() => (running = undefined));
      }, deps.intervalMs ?? 5000);
      timer.unref();
    },
    /** Runs one tick now (tests, and the first tick at start). */
    tick,
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
