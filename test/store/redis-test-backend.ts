import { randomUUID } from 'node:crypto';
import { connectRedis } from '../../store/redis-connect.js';
import { createRedisStore } from '../../store/redis-store.js';
import type { StoreBackend } from './store-contract.js';

/** The Redis the tests use (CI starts one on 127.0.0.1:6379); each test works under its own key prefix. */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A connection that fails within seconds, naming the URL, when Redis is down (instead of hanging). */
export const connectTestRedis = () => connectRedis(REDIS_URL, () => {});

/** Deletes every key under `prefix` (tests each use their own prefix). */
export async function deletePrefix(url: string, prefix: string): Promise<void> {
  const client = await connectRedis(url, () => {});
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) if (keys.length > 0) await client.del(keys);
  } finally {
    await client.close();
  }
}

/** A Redis data set under a unique key prefix, removed afterwards. */
export function redisBackend(): StoreBackend {
  const prefix = `first-reply-test:${randomUUID()}:`;
  const admin = connectTestRedis();
  return {
    open: async () => createRedisStore(await connectTestRedis(), prefix),
    openAnother: async () => createRedisStore(await connectTestRedis(), prefix),
    async setThreadState(channel, threadId, state) {
      await (await admin).hSet(`${prefix}thread:${channel}:${threadId}`, 'state', state);
    },
    async threadEvents(channel, threadId) {
      const events = (await (await admin).lRange(`${prefix}thread-events:${channel}:${threadId}`, 0, -1)).map(
        (e) => JSON.parse(e) as { type: string; data: unknown },
      );
      return events.map((e) => ({ type: e.type, data: JSON.stringify(e.data) }));
    },
    sharedPauses: true,
    async dispose() {
      await (await admin).close();
      await deletePrefix(REDIS_URL, prefix);
    },
  };
}
