import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { errorBody } from '../../shared/http-errors.js';
import { redactUrl } from './create-logger.js';

/**
 * Every error answered in the one shape `{statusCode, error, message}` (http-errors.ts). Errors
 * that carry their own status (bad JSON, too large, a field the schema refuses, a route's
 * deliberate 503) keep their message. An unexpected error (a bug, the store failing) is logged in
 * full and answered with a plain 500 and the request id to look it up: its message (SQL, file
 * paths, values) never reaches the client.
 */
export const internalErrors = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode;
    if (status !== undefined && status >= 400 && status <= 599) return reply.code(status).send(errorBody(status, error.message));
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ ...errorBody(500, 'internal error'), requestId: request.id });
  });
  // Fastify's own 404 logs and echoes the whole URL: a platform's verify token sent to a channel
  // that is not set up (GET /webhooks/meta?hub.verify_token=…) would reach the log.
  app.setNotFoundHandler((request, reply) => {
    const url = redactUrl(request.url);
    request.log.info({ method: request.method, url }, 'no such route');
    return reply.code(404).send(errorBody(404, `Route ${request.method}:${url} not found`));
  });
});
