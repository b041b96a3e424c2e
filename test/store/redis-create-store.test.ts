import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { createStore } from '../../store/create-store.js';
import type { HandoffEvent } from '../../store/handoff-events.js';
import { connectTestRedis, deletePrefix, REDIS_URL } from './redis-test-backend.js';
import { mention } from './store-contract.js';

it('createStore on Redis: instances share the handoff store and the event bus; closing the store closes the bus', async () => {
  const prefix = `first-reply-test:${randomUUID()}:`;
  const dir = mkdtempSync(path.join(tmpdir(), 'fr-redis-handoff-'));
  const settings = { DATA_DIR: dir, REDIS_URL, REDIS_PREFIX: prefix };
  const [a, b] = [await createStore(settings), await createStore(settings)];
  const admin = await connectTestRedis();
  try {
    await a.store.acceptMention(mention('m1'), 1, 61);
    const [m] = await a.store.claimMentions(1, 2, 1000);
    await a.store.commitTurn(m!, { status: 'handed_off', decision: {}, replies: [], threadState: 'waiting' }, 10);
    expect((await b.handoff.listThreads(['waiting'])).map((t) => t.thread.threadId)).toEqual(['t1']);

    const seen = new Promise<HandoffEvent>((resolve) => b.events.subscribe(resolve));
    const event: HandoffEvent = {
      key: 'k',
      channel: 'sandbox',
      threadId: 't1',
      type: 'handoff',
      state: 'waiting',
      assignee: null,
      actor: 'bot',
      at: 10,
    };
    await a.events.publish(event);
    expect(await seen).toEqual(event);

    const subscribers = async () =>
      Number(((await admin.sendCommand(['PUBSUB', 'NUMSUB', `${prefix}handoff-events`])) as [string, number])[1]);
    expect(await subscribers()).toBe(2);
    await a.store.close();
    expect(await subscribers()).toBe(1);
  } finally {
    await a.store.close();
    await b.store.close();
    await admin.close();
    await deletePrefix(REDIS_URL, prefix);
    rmSync(dir, { recursive: true, force: true });
  }
});
