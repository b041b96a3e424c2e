import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
import { isSqliteBusy } from './data-dir-error.js';
import { openDatabase, type OpenDatabaseOptions, type SqliteSynchronous } from './open-database.js';
import { connectRedis, isRedisUnavailable } from './redis-connect.js';
import { createRedisStore, indexThreadsOnce } from './redis-store.js';
import { createSqliteKeyvStore } from './sqlite-keyv-store.js';
import { createSqliteStore } from './sqlite-store.js';
import { failingAsUnavailable } from './store-unavailable.js';
import type { Store } from './store.js';
import { createLocalHandoffEvents, type HandoffEvents } from './handoff-events.js';
import { createRedisHandoffEvents } from './redis-handoff-events.js';
import { createRedisHandoffStore } from './redis-handoff-store.js';
import { indexCustomersOnce } from './redis-customers.js';
import { scriptRunner } from './redis-script-runner.js';
import { createSqliteHandoffStore } from './sqlite-handoff-store.js';
import type { HandoffStore } from './handoff-store.js';
import type { EntryAnswers } from './entry-answers.js';
import { createSqliteEntryAnswers } from './sqlite-entry-answers.js';
import { createRedisEntryAnswers } from './redis-entry-answers.js';
import type { LearnedExamples } from './learned-examples.js';
import { createSqliteLearnedExamples } from './sqlite-learned-examples.js';
import { createRedisLearnedExamples } from './redis-learned-examples.js';
import type { EmergingGroups } from './emerging-groups.js';
import { createSqliteEmergingGroups } from './sqlite-emerging-groups.js';
import { createRedisEmergingGroups } from './redis-emerging-groups.js';
import type { SearchStore } from './search-store.js';
import { createSqliteSearchStore } from './sqlite-search-store.js';
import { createRedisSearchStore } from './redis-search-store.js';
import type { QuotaStore } from './quota-store.js';
import { createSqliteQuotaStore } from './sqlite-quota.js';
import { createRedisQuotaStore } from './redis-quota.js';

export interface StoreSettings {
  DATA_DIR: string;
  REDIS_URL?: string | undefined;
  REDIS_PREFIX: string;
  /** Default FULL (openDatabase's). */
  SQLITE_SYNCHRONOUS?: SqliteSynchronous | undefined;
}

export interface Stores {
  store: Store;
  /** Thread ownership (handoff/) on the same backend. */
  handoff: HandoffStore;
  /** Full-text search and internal notes, on the same backend. */
  search: SearchStore;
  /** The live console's event bus: in-process, or Redis pub/sub shared by every instance. */
  events: HandoffEvents;
  /** Plain key/value state under `namespace`, on the same backend as the store. */
  keyv(namespace: string): Keyv;
  /** The knowledge editor's reads of decisions (answers per entry, recent handoffs). */
  entryAnswers: EntryAnswers;
  /** Units spent of each channel's daily allowance, on the same backend. */
  quota: QuotaStore;
  /** Candidate examples learned from agents' replies, for editors to review. */
  learned: LearnedExamples;
  /** Emerging incidents raised by any instance, for the consoles and editors. */
  emerging: EmergingGroups;
}

/**
 * The backend: Redis when REDIS_URL is set (several instances share it), else SQLite in DATA_DIR
 * (`sqlite` options: the CLI waits longer for a lock than the service).
 * `store.close()` closes everything, the key/value state included.
 */
export async function createStore(
  settings: StoreSettings,
  onError: (err: Error) => void = () => {},
  sqlite: OpenDatabaseOptions = {},
): Promise<Stores> {
  if (!settings.REDIS_URL) {
    const db = openDatabase(settings.DATA_DIR, undefined, { synchronous: settings.SQLITE_SYNCHRONOUS, ...sqlite });
    const kvStore = createSqliteKeyvStore(db);
    return {
      // While another process holds the file's write lock, store calls fail fast with a 503 (platforms
      // deliver again, the workers back off) instead of blocking the event loop.
      store: failingAsUnavailable(createSqliteStore(db), isSqliteBusy),
      handoff: failingAsUnavailable(createSqliteHandoffStore(db), isSqliteBusy),
      search: failingAsUnavailable(createSqliteSearchStore(db), isSqliteBusy),
      events: createLocalHandoffEvents(),
      keyv: (namespace) => new Keyv({ store: kvStore, namespace }),
      entryAnswers: failingAsUnavailable(createSqliteEntryAnswers(db), isSqliteBusy),
      quota: failingAsUnavailable(createSqliteQuotaStore(db), isSqliteBusy),
      learned: failingAsUnavailable(createSqliteLearnedExamples(db), isSqliteBusy),
      emerging: failingAsUnavailable(createSqliteEmergingGroups(db), isSqliteBusy),
    };
  }
  // Commands reject with their own error; onError reports connection trouble while the client reconnects.
  const client = await connectRedis(settings.REDIS_URL, onError);
  // Older data indexed for the handoff layer, and the bus subscribed on a second connection; if either
  // fails the start fails, without leaving the first connection open.
  let events: HandoffEvents;
  try {
    await indexThreadsOnce(client, settings.REDIS_PREFIX);
    await indexCustomersOnce(client, settings.REDIS_PREFIX, scriptRunner(client));
    events = await createRedisHandoffEvents(client, settings.REDIS_PREFIX, onError);
  } catch (err) {
    if (client.isOpen) await client.close();
    throw err;
  }
  const redisStore = createRedisStore(client, settings.REDIS_PREFIX);
  return {
    // While Redis is down or restarting, store calls fail at once with a 503 (platforms deliver again).
    // Closing the store closes the event bus's subscriber connection too.
    store: failingAsUnavailable(
      {
        ...redisStore,
        async close() {
          await events.close();
          await redisStore.close();
        },
      },
      isRedisUnavailable,
    ),
    handoff: failingAsUnavailable(createRedisHandoffStore(client, settings.REDIS_PREFIX), isRedisUnavailable),
    search: failingAsUnavailable(createRedisSearchStore(client, settings.REDIS_PREFIX), isRedisUnavailable),
    events,
    entryAnswers: failingAsUnavailable(createRedisEntryAnswers(scriptRunner(client), settings.REDIS_PREFIX), isRedisUnavailable),
    quota: failingAsUnavailable(createRedisQuotaStore(scriptRunner(client), settings.REDIS_PREFIX), isRedisUnavailable),
    learned: failingAsUnavailable(createRedisLearnedExamples(client, scriptRunner(client), settings.REDIS_PREFIX), isRedisUnavailable),
    emerging: failingAsUnavailable(createRedisEmergingGroups(client, scriptRunner(client), settings.REDIS_PREFIX), isRedisUnavailable),
    // One adapter per namespace (keyv sets the namespace on its adapter); keyv's own key prefix off,
    // so keys read "<prefix>kv:<namespace>::<key>".
    keyv: (namespace) => {
      const ns = `${settings.REDIS_PREFIX}kv:${namespace}`;
      return new Keyv({ store: new KeyvRedis(client, { namespace: ns }), namespace: ns, useKeyPrefix: false });
    },
  };
}
