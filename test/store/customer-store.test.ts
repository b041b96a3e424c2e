import { describe, expect, it } from 'vitest';
import { indexCustomersOnce } from '../../store/redis-customers.js';
import { scriptRunner } from '../../store/redis-script-runner.js';
import { describeCustomerContract } from './customer-contract.js';
import { connectTestRedis } from './redis-test-backend.js';
import { mention } from './store-contract.js';
import { redisHandoffBackend, sqliteHandoffBackend } from './handoff-backends.js';

describeCustomerContract('SQLite customers and tags', sqliteHandoffBackend);
describeCustomerContract('Redis customers and tags', redisHandoffBackend);

describe('Redis customers: data written before the author index', () => {
  it('indexes older mentions once at start-up, so their authors have their threads', async () => {
    const b = redisHandoffBackend();
    const { store, handoff } = await b.open();
    const client = await connectTestRedis();
    try {
      await store.acceptMention(mention('m1', { threadId: 'old' }), 1, 61);
      await store.acceptMention(mention('m2', { threadId: 'new' }), 2, 62);
      // As written by a release without the index.
      await client.del(`${b.prefix}author-threads:sandbox:@ann`);
      expect((await handoff.customerThreads([{ channel: 'sandbox', author: '@ann' }], 10)).total).toBe(0);
      await indexCustomersOnce(client, b.prefix, scriptRunner(client));
      const { threads } = await handoff.customerThreads([{ channel: 'sandbox', author: '@ann' }], 10);
      expect(threads.map((t) => t.thread.threadId)).toEqual(['new', 'old']);
      // Once: the flag is kept.
      await client.del(`${b.prefix}author-threads:sandbox:@ann`);
      await indexCustomersOnce(client, b.prefix, scriptRunner(client));
      expect((await handoff.customerThreads([{ channel: 'sandbox', author: '@ann' }], 10)).total).toBe(0);
    } finally {
      await client.close();
      await store.close();
      await b.dispose();
    }
  });
});
