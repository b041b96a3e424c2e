import type { FastifyBaseLogger } from 'fastify';
import { performance } from 'node:perf_hooks';

export interface DrainLoopOptions {
  log: FastifyBaseLogger;
  what: string;
  /** Wake on this period too, so work that became due (retries, expired leases) is not left waiting. */
  periodMs: number;
  /** Runs before each periodic wake (e.g. the deadline sweep); its failures are logged. */
  periodic?: () => Promise<void>;
  /** How long to rest after a step that found work and took `stepMs` (the drain's CPU budget, bot/inbox/drain-budget.ts). */
  restAfter?: (stepMs: number) => number;
  /** The longest rest after failures in a row (default 30 s). */
  maxBackoffMs?: number;
}

/**
 * Runs `step` again and again while it finds work, once woken, and wakes itself every `periodMs`.
 * Wakes that arrive while a drain is under way are not lost: the drain goes on until a step finds
 * nothing and nobody woke it since. Between steps it yields to I/O (webhook intake first) and rests
 * as long as `restAfter` says. A failing step or periodic job (the store unavailable: Redis down, the
 * SQLite file locked) is tried again after a rest that doubles with each failure in a row, from
 * `periodMs` up to `maxBackoffMs`, so an outage costs a few log lines and no busy loop.
 */
export function createDrainLoop(step: () => Promise<number>, opts: DrainLoopOptions) {
  let running = false;
  let wanted = false;
  let draining: Promise<void> | undefined;
  let ticking: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  let restUntil = 0;
  const maxBackoffMs = opts.maxBackoffMs ?? 30_000;
  const resting = () => Date.now() < restUntil;
  const failed = (err: unknown, what: string) => {
    failures += 1;
    const retryInMs = Math.min(opts.periodMs * 2 ** (failures - 1), maxBackoffMs);
    restUntil = Date.now() + retryInMs;
    opts.log.error({ err, failures, retryInMs }, `${opts.what} ${what} failed; trying again later`);
  };

  async function drain(): Promise<void> {
    while (running && wanted) {
      wanted = false;
      const started = performance.now();
      const found = await step();
      failures = 0;
      if (found === 0) continue;
      wanted = true;
      const rest = opts.restAfter?.(performance.now() - started) ?? 0;
      // A store that answers synchronously (SQLite) would otherwise keep the loop in microtasks.
      await new Promise((resolve) => (rest > 0 ? setTimeout(resolve, rest) : setImmediate(resolve)));
    }
  }

  const wake = (): void => {
    wanted = true;
    // While resting after a failure, the periodic tick wakes the drain once the rest is over.
    if (!running || draining || resting()) return;
    // On the next turn of the event loop, so that a burst of wakes drains as one batch.
    draining = new Promise<void>((resolve) => setImmediate(resolve))
      .then(drain)
      .catch((err) => failed(err, 'drain'))
      .finally(() => {
        draining = undefined;
        if (running && wanted) wake();
      });
  };

  const tick = (): void => {
    ticking = (resting() ? Promise.resolve() : (opts.periodic?.() ?? Promise.resolve()))
      .catch((err) => failed(err, 'periodic work'))
      .finally(() => {
        ticking = undefined;
        wake();
        if (running) timer = setTimeout(tick, opts.periodMs);
      });
  };

  return {
    wake,
    running: () => running,
    start(): void {
      if (running) return;
      running = true;
      tick();
    },
    /** Stops draining and waits for the step and periodic work under way. */
    async stop(): Promise<void> {
      running = false;
      if (timer) clearTimeout(timer);
      await Promise.all([draining, ticking]);
    },
  };
}
