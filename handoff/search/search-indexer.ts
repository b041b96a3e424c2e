import type { SearchStore } from '../../store/search-store.js';
import { searchFacets } from './search-facets.js';

/** Records indexed per step: one step stays a few milliseconds, so the event loop keeps answering. */
const STEP = 200;

/**
 * Keeps the search index a second or so behind intake: every `intervalMs` it indexes what was
 * stored since (steps of STEP, yielding between them). `catchUp` runs the same before a search, so a
 * person finds what they just saw. Failures (the store unavailable) wait for the next tick.
 */
export function createSearchIndexer(opts: {
  search: SearchStore;
  now: () => number;
  intervalMs?: number;
  onError: (err: unknown) => void;
}) {
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;

  const drain = async (maxSteps: number) => {
    for (let step = 0; step < maxSteps; step++) {
      const taken = await opts.search.indexPending(STEP, opts.now(), searchFacets);
      if (taken < STEP) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  /** One run at a time; a caller during a run waits for it. */
  const run = (maxSteps: number) => {
    running ??= drain(maxSteps).finally(() => (running = null));
    return running;
  };

  return {
    /** Indexes what is pending (a bounded amount: a backlog is left to the background loop). */
    catchUp: () => run(10),
    start() {
      timer = setInterval(() => void run(50).catch(opts.onError), opts.intervalMs ?? 1000);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
