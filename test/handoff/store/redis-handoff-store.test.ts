import { randomUUID } from 'node:crypto';
import { createRedisStore } from '../../../bot/store/redis-store.js';
import { createRedisHandoffStore } from '../../../handoff/store/redis-handoff-store.js';
import { connectTestRedis, deletePrefix, REDIS_URL } from '../../bot/store/redis-test-backend.js';
import { describeHandoffStoreContract, type HandoffBackend } from './handoff-store-contract.js';

/** The handoff store on real Redis, under a unique prefix removed afterwards; one connection per "instance". */
export function redisHandoffBackend(): HandoffBackend {
  const prefix = `first-reply-test:${randomUUID()}:`;
  const clients: Awaited<ReturnType<typeof connectTestRedis>>[] = [];
  const connect = async () => {
    const client = await connectTestRedis();
    clients.push(client);
    return client;
  };
  return {
    async open() {
      const client = await connect();
      return { store: createRedisStore(client, prefix), handoff: createRedisHandoffStore(client, prefix) };
    },
    async openAnother() {
      return createRedisHandoffStore(await connect(), prefix);
    },
    async dispose() {
      for (const c of clients) if (c.isOpen) await c.close();
      await deletePrefix(REDIS_URL, prefix);
    },
  };
}

describeHandoffStoreContract('Redis handoff store', redisHandoffBackend);
