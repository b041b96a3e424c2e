import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * An unexpected error (a bug, the store failing) is logged in full and answered with a plain 500
 * and the request id to look it up: its message (SQL, file paths, values) never reaches the client.
 * Errors that carry their own status (bad JSON, too large, a route's deliberate 503) are answered
 * as Fastify does.
 */
export const internalErrors = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode <= 599) return reply.send(error);
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal error', requestId: request.id });
  });
});
