import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  ErrorReply,
  ReconnectStrategyError,
  SocketClosedUnexpectedlyError,
  createClient,
} from 'redis';
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

/** The command failed because Redis could not be reached (down, restarting, still loading its data): worth a retry later. */
export function isRedisUnavailable(err: unknown): boolean {
  if (err instanceof ClientOfflineError || err instanceof ClientClosedError || err instanceof SocketClosedUnexpectedlyError) return true;
  if (err instanceof ConnectionTimeoutError || err instanceof ReconnectStrategyError) return true;
  if (err instanceof ErrorReply) return /^(LOADING|MASTERDOWN|TRYAGAIN)\b/.test(err.message);
  const code = (err as { code?: unknown } | undefined)?.code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE';
}

/**
 * Connects to Redis. A server unreachable at start stops the start after a few tries (a clear
 * error beats a service that hangs); once connected, the client reconnects for as long as it takes.
 * While it is disconnected, commands fail at once (no offline queue): a webhook then answers 503 and
 * its platform delivers again, instead of waiting on a request that may never be stored.
 */
export async function connectRedis(url: string, onError: (err: Error) => void, startTries = 5): Promise<RedisClient> {
  let connected = false;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      reconnectStrategy: (retries, cause) => {
        if (!connected && retries >= startTries) return new Error(`cannot reach Redis at ${redactRedisUrl(url)}: ${cause.message}`);
        // Quick at first (a restart takes seconds), then every second.
        return Math.min(50 * 2 ** retries, 1000);
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
