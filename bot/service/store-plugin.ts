import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type Keyv from 'keyv';
import type { HandoffEvents } from '../../store/handoff-events.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import { createStore, type StoreSettings } from '../../store/create-store.js';
import type { Store } from '../../store/store.js';
import type { EntryAnswers } from '../../store/entry-answers.js';
import type { SearchStore } from '../../store/search-store.js';
import type { QuotaStore } from '../../store/quota-store.js';
import type { EmergingGroups } from '../../store/emerging-groups.js';
import type { LearnedExamples } from '../../store/learned-examples.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Mentions, the outbox and threads: SQLite in DATA_DIR, or Redis shared by instances. */
    store: Store;
    /** Thread ownership on the same backend. */
    handoffStore: HandoffStore;
    /** Full-text search and internal notes on the same backend. */
    searchStore: SearchStore;
    /** The consoles' live event bus. */
    handoffEvents: HandoffEvents;
    /** Plain key/value state under a namespace, on the same backend. */
    keyv(namespace: string): Keyv;
    /** The knowledge editor's reads of decisions (answers per entry, recent handoffs). */
    entryAnswers: EntryAnswers;
    /** Units spent of each channel's daily allowance, on the same backend. */
    quotaStore: QuotaStore;
    /** Candidate examples learned from agents' replies (issue 19). */
    learnedExamples: LearnedExamples;
    /** Emerging incidents raised (issue 19), shared by every instance on Redis. */
    emergingGroups: EmergingGroups;
  }
}

/**
 * The backend, opened first and closed last: on ready, leases left by a stopped instance are
 * released; on close (after every other plugin stopped using it) it is closed.
 */
export const storePlugin = fp(
  async (app: FastifyInstance, opts: { settings: StoreSettings }) => {
    const stores = await createStore(opts.settings, (err) => app.log.error({ err }, 'redis connection error'));
    app.decorate('store', stores.store);
    app.decorate('handoffStore', stores.handoff);
    app.decorate('handoffEvents', stores.events);
    app.decorate('searchStore', stores.search);
    app.decorate('keyv', stores.keyv);
    app.decorate('entryAnswers', stores.entryAnswers);
    app.decorate('quotaStore', stores.quota);
    app.decorate('learnedExamples', stores.learned);
    app.decorate('emergingGroups', stores.emerging);
    app.metrics.collectStoreStats(() => stores.store.stats());
    app.addHook('onReady', () => stores.store.releaseLeases());
    app.addHook('onClose', () => stores.store.close());
  },
  { name: 'store', dependencies: ['server'] },
);
