import type { FastifyServerOptions } from 'fastify';
import type { Server, ServerOptions } from 'node:http';
import type { Settings } from '../../config/settings.js';

type LimitSettings = Pick<
  Settings,
  'REQUEST_TIMEOUT_SECONDS' | 'HEADERS_TIMEOUT_SECONDS' | 'KEEP_ALIVE_TIMEOUT_SECONDS' | 'IDLE_TIMEOUT_SECONDS'
>;

// Node looks for requests past their time only this often (its own default is 30 s, which would let a
// slow client hold its connection that much longer than the settings say). Each look walks the
// connections still receiving a request: cheap.
const CHECK_INTERVAL_MS = 1000;

/**
 * The server's timeouts, for Fastify's options. A request (headers, then body) must arrive whole in
 * time; once it has, the answer may take as long as it takes, so an event stream is never cut by them.
 */
export function connectionTimeouts(
  s: LimitSettings,
): Pick<FastifyServerOptions, 'requestTimeout' | 'connectionTimeout' | 'keepAliveTimeout'> & { http: ServerOptions } {
  const requestTimeout = s.REQUEST_TIMEOUT_SECONDS * 1000;
  return {
    requestTimeout,
    keepAliveTimeout: s.KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
    connectionTimeout: s.IDLE_TIMEOUT_SECONDS * 1000,
    http: { requestTimeout, headersTimeout: s.HEADERS_TIMEOUT_SECONDS * 1000, connectionsCheckingInterval: CHECK_INTERVAL_MS },
  };
}

/**
 * Bounds the sockets (file descriptors, memory) open at once. Past the cap Node closes each new
 * connection as it arrives, a platform's or a person's alike: the timeouts above are what keep slow
 * clients from holding the slots for long.
 */
export function capConnections(server: Server, max: number) {
  server.maxConnections = max;
}
