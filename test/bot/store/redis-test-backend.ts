import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { createRedisStore } from '../../../bot/store/redis-store.js';
import type { StoreBackend } from './store-contract.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Deletes every key under `prefix` (tests each use their own prefix). */
export async function deletePrefix(url: string, prefix: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) if (keys.length > 0) await client.del(keys);
  } finally {
    await client.close();
  }
}

/** A Redis data set under a unique key prefix, removed afterwards. */
export function redisBackend(): StoreBackend {
  const prefix = `first-reply-test:${randomUUID()}:`;
  const connect = async () => {
    const client = createClient({ url: REDIS_URL });
    await client.connect();
    return client;
  };
  const admin = connect();
  return {
    open: async () => createRedisStore(await connect(), prefix),
    openAnother: async () => createRedisStore(await connect(), prefix),
    async setThreadState(channel, threadId, state) {
      await (await admin).hSet(`${prefix}thread:${channel}:${threadId}`, 'state', state);
    },
    async threadEvents(channel, threadId) {
      const events = (await (await admin).lRange(`${prefix}thread-events:${channel}:${threadId}`, 0, -1)).map((e) => JSON.parse(e) as { type: string; data: unknown });
      return events.map((e) => ({ type: e.type, data: JSON.stringify(e.data) }));
    },
    sharedPauses: true,
    async dispose() {
      await (await admin).close();
      await deletePrefix(REDIS_URL, prefix);
    },
  };
}
