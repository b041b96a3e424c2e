import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errorBody } from '../../shared/http-errors.js';

/**
 * What every answer carries unless its route sets its own: answers hold customer data (threads,
 * handles, texts), so no cache keeps them, no browser guesses their type, none is framed, and no
 * address leaks in a Referer. The console pages set their own policy and caching over these.
 */
export const apiSecurityHeaders = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
} as const;

/**
 * Set on the raw response as each request arrives, so they reach every answer: Fastify's own 404s
 * and errors (bad JSON, too large, not signed in), and streams that write their own head (events).
 * Headers a route sets through the reply are written with the head and take precedence.
 */
export const securityHeaders = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', async (_request, reply) => {
    for (const [name, value] of Object.entries(apiSecurityHeaders)) reply.raw.setHeader(name, value);
  });
});

/**
 * Fastify's answer to a URL it cannot route (bad percent-encoding, a parameter too long) comes
 * before any hook: given as the `frameworkErrors` option, it gets the headers too.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 400;
  return reply.headers(apiSecurityHeaders).code(status).send(errorBody(status, error.message));
}
