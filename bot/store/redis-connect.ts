import { createClient } from 'redis';
import type { RedisClient } from './redis-script-runner.js';

/** The URL without its password, for messages. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the configured REDIS_URL';
  }
}

/**
 * Connects to Redis. A server unreachable at start stops the start after a few tries (a clear
 * error beats a service that hangs); once connected, the client reconnects for as long as it takes.
 */
export async function connectRedis(url: string, onError: (err: Error) => void, startTries = 5): Promise<RedisClient> {
  let connected = false;
  const client = createClient({
    url,
    socket: {
      reconnectStrategy: (retries, cause) => {
        if (!connected && retries >= startTries) return new Error(`cannot reach Redis at ${redactRedisUrl(url)}: ${cause.message}`);
        return Math.min(100 * 2 ** retries, 3000);
      },
    },
  });
  client.on('error', (err: Error) => {
    if (connected) onError(err);
  });
  await client.connect();
  connected = true;
  return client;
}
