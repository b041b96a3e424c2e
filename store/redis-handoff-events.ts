import type { RedisClient } from './redis-script-runner.js';
import type { HandoffEvent, HandoffEvents } from './handoff-events.js';

/**
 * The console's event bus across instances: events are published on `<prefix>handoff-events` and
 * every instance's subscriber (a second connection: a subscribed connection runs no other command)
 * hands them to its listeners, its own events included. Subscribed before it resolves, so nothing
 * published afterwards is missed. A failed publish is reported, not thrown: the thread change it
 * follows is already stored, and consoles reload their view when they reconnect.
 */
export async function createRedisHandoffEvents(
  client: RedisClient,
  prefix: string,
  onError: (err: Error) => void = () => {},
): Promise<HandoffEvents> {
  const channel = `${prefix}handoff-events`;
  const accessChannel = `${prefix}access-changes`;
  const listeners = new Set<(event: HandoffEvent) => void>();
  const accessListeners = new Set<(user: string) => void>();
  const subscriber = client.duplicate();
  subscriber.on('error', onError);
  await subscriber.connect();
  await subscriber.subscribe(channel, (message) => {
    let event: HandoffEvent;
    try {
      event = JSON.parse(message) as HandoffEvent;
    } catch (err) {
      onError(err as Error);
      return;
    }
    for (const listener of listeners) {
      // One console's failing listener must not keep the event from the others.
      try {
        listener(event);
      } catch (err) {
        onError(err as Error);
      }
    }
  });
  await subscriber.subscribe(accessChannel, (user) => {
    for (const listener of accessListeners) {
      try {
        listener(user);
      } catch (err) {
        onError(err as Error);
      }
    }
  });

  return {
    async publish(event) {
      try {
        await client.publish(channel, JSON.stringify(event));
      } catch (err) {
        onError(err as Error);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async publishAccessChange(user) {
      try {
        await client.publish(accessChannel, user);
      } catch (err) {
        onError(err as Error);
      }
    },
    subscribeAccessChanges(listener) {
      accessListeners.add(listener);
      return () => accessListeners.delete(listener);
    },
    async close() {
      listeners.clear();
      accessListeners.clear();
      if (subscriber.isOpen) await subscriber.close();
    },
  };
}
