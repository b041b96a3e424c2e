import type { FastifyInstance } from 'fastify';
import type { HandoffEvents } from '../../store/handoff-events.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import type { SearchStore } from '../../store/search-store.js';
import { notesRoutes } from './notes-routes.js';
import { createSearchIndexer } from './search-indexer.js';
import { searchRoutes } from './search-routes.js';

/** Search, view counts and internal notes: their routes, and the indexer that runs from ready to close. */
export async function registerSearch(
  app: FastifyInstance,
  deps: { search: SearchStore; handoff: HandoffStore; events: HandoffEvents; now: () => number },
): Promise<void> {
  const log = app.log.child({ component: 'search' });
  const indexer = createSearchIndexer({
    search: deps.search,
    now: deps.now,
    onError: (err) => log.error({ err }, 'search indexing failed'),
  });
  await app.register(searchRoutes, { search: deps.search, catchUp: () => indexer.catchUp() });
  await app.register(notesRoutes, deps);
  app.addHook('onReady', async () => indexer.start());
  app.addHook('onClose', () => indexer.stop());
}
