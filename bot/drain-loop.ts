import type { FastifyBaseLogger } from 'fastify';

/**
 * Runs `step` again and again while it finds work, once woken. Wakes that arrive while a drain is
 * under way are not lost: the drain goes on until a step finds nothing and nobody woke it since.
 */
export function createDrainLoop(step: () => Promise<number>, opts: { log: FastifyBaseLogger; what: string }) {
  let running = false;
  let wanted = false;
  let draining: Promise<void> | undefined;

  async function drain(): Promise<void> {
    while (running && wanted) {
      wanted = false;
      if ((await step()) > 0) wanted = true;
    }
  }

  const wake = (): void => {
    wanted = true;
    if (!running || draining) return;
    // On the next turn of the event loop, so that a burst of wakes drains as one batch.
    draining = new Promise<void>((resolve) => setImmediate(resolve))
      .then(drain)
      .catch((err) => opts.log.error({ err }, `${opts.what} drain failed`))
      .finally(() => {
        draining = undefined;
        if (running && wanted) wake();
      });
  };

  return {
    wake,
    running: () => running,
    start() {
      running = true;
    },
    /** Stops draining and waits for the step under way. */
    async stop() {
      running = false;
      await draining;
    },
  };
}
