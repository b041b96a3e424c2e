import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../store/create-store.js';
import { connectTestRedis, deletePrefix, REDIS_URL } from './redis-test-backend.js';

describe('createStore', () => {
  it('is SQLite in DATA_DIR when REDIS_URL is not set', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-create-store-'));
    try {
      const { store, keyv } = await createStore({ DATA_DIR: dir, REDIS_PREFIX: 'first-reply:' });
      await keyv('channel:x').set('cursor', '42');
      expect(await keyv('channel:x').get('cursor')).toBe('42');
      expect(existsSync(path.join(dir, 'first-reply.db'))).toBe(true);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops the start with a clear error, password hidden, when Redis cannot be reached', async () => {
    const start = createStore({ DATA_DIR: tmpdir(), REDIS_URL: 'redis://app:s3cret@127.0.0.1:1', REDIS_PREFIX: 'first-reply:' });
    await expect(start).rejects.toThrow(/^cannot reach Redis at redis:\/\/app:\*\*\*@127\.0\.0\.1:1/);
    await expect(start).rejects.not.toThrow(/s3cret/);
  });

  it('shares channel state between instances on Redis, under the prefix and per namespace', async () => {
    const prefix = `first-reply-test:${randomUUID()}:`;
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-create-store-'));
    const settings = { DATA_DIR: dir, REDIS_URL, REDIS_PREFIX: prefix };
    const [a, b] = [await createStore(settings), await createStore(settings)];
    try {
      await a.keyv('channel:x').set('cursor', { sinceId: '1234' });
      await a.keyv('channel:mastodon').set('cursor', 'other');
      expect(await b.keyv('channel:x').get('cursor')).toEqual({ sinceId: '1234' });
      expect(await b.keyv('channel:mastodon').get('cursor')).toBe('other');
      expect(existsSync(path.join(dir, 'first-reply.db'))).toBe(false);
      const raw = await connectTestRedis();
      expect((await raw.keys(`${prefix}kv:*`)).sort()).toEqual([`${prefix}kv:channel:mastodon::cursor`, `${prefix}kv:channel:x::cursor`]);
      await raw.close();
    } finally {
      await a.store.close();
      await b.store.close();
      await deletePrefix(REDIS_URL, prefix);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
