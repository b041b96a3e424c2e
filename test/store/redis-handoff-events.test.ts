import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { HandoffEvent, HandoffEvents } from '../../store/handoff-events.js';
import { createRedisHandoffEvents } from '../../store/redis-handoff-events.js';
import { connectTestRedis } from './redis-test-backend.js';

const event = (type: string, at: number): HandoffEvent => ({
  key: 'c2FuZGJveAp0MQ',
  channel: 'sandbox',
  threadId: 't1',
  type,
  state: 'agent',
  assignee: 'ann',
  actor: 'ann',
  at,
});

/** Resolves with the first `n` events the bus hands to a listener. */
const received = (bus: HandoffEvents, n: number) =>
  new Promise<HandoffEvent[]>((resolve) => {
    const seen: HandoffEvent[] = [];
    const stop = bus.subscribe((e) => {
      seen.push(e);
      if (seen.length === n) {
        stop();
        resolve(seen);
      }
    });
  });

describe('Redis handoff event bus', () => {
  const opened: { close(): Promise<void> }[] = [];
  const open = async (prefix: string, onError?: (err: Error) => void) => {
    const client = await connectTestRedis();
    const bus = await createRedisHandoffEvents(client, prefix, onError);
    opened.push(bus, { close: async () => void (client.isOpen && (await client.close())) });
    return { client, bus };
  };
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.close();
  });

  it('delivers an event published by one instance to the listeners of every instance, in order', async () => {
    const prefix = `first-reply-test:${randomUUID()}:`;
    const [a, b] = [await open(prefix), await open(prefix)];
    const onB = received(b.bus, 2);
    const onA = received(a.bus, 2);
    await a.bus.publish(event('claim', 1));
    await a.bus.publish(event('agent_reply', 2));
    expect((await onB).map((e) => e.type)).toEqual(['claim', 'agent_reply']);
    expect(await onA).toEqual([event('claim', 1), event('agent_reply', 2)]);
  });

  it('keeps prefixes apart, stops delivering once unsubscribed, and a throwing listener does not starve the others', async () => {
    const prefix = `first-reply-test:${randomUUID()}:`;
    const errors: Error[] = [];
    const [a, b, stranger] = [
      await open(prefix),
      await open(prefix, (err) => errors.push(err)),
      await open(`first-reply-test:${randomUUID()}:`),
    ];
    const strangerSaw: HandoffEvent[] = [];
    stranger.bus.subscribe((e) => strangerSaw.push(e));
    const gone: HandoffEvent[] = [];
    b.bus.subscribe(() => {
      throw new Error('console went away');
    })();
    const stop = b.bus.subscribe((e) => gone.push(e));
    stop();
    b.bus.subscribe(() => {
      throw new Error('broken console');
    });
    const delivered = received(b.bus, 1);
    await a.bus.publish(event('release', 3));
    expect(await delivered).toEqual([event('release', 3)]);
    // The stranger's subscriber is on another channel; a round trip on its own bus proves it was listening.
    const own = received(stranger.bus, 1);
    await stranger.bus.publish(event('mention', 4));
    await own;
    expect(strangerSaw.map((e) => e.type)).toEqual(['mention']);
    expect(gone).toEqual([]);
    expect(errors.map((e) => e.message)).toEqual(['broken console']);
  });

  it('closes its subscriber connection, and a publish on a closed client is reported, not thrown', async () => {
    const prefix = `first-reply-test:${randomUUID()}:`;
    const errors: Error[] = [];
    const { client, bus } = await open(prefix, (err) => errors.push(err));
    const subscribers = async () =>
      Number(((await client.sendCommand(['PUBSUB', 'NUMSUB', `${prefix}handoff-events`])) as [string, number])[1]);
    expect(await subscribers()).toBe(1);
    await bus.close();
    expect(await subscribers()).toBe(0);
    await client.close();
    await expect(bus.publish(event('claim', 5))).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
  });
});
