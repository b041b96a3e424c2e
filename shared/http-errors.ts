import { STATUS_CODES } from 'node:http';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/**
 * The one shape of every 4xx and 5xx answer: the status, its standard name and what went wrong.
 * Some add a field for the caller (the problems of a refused knowledge file, the thread of a
 * refused action, the request id of an internal error).
 */
export const errorSchema = z
  .object({
    statusCode: z.number().int(),
    error: z.string().describe('the standard name of the status (Bad Request, Not Found...)'),
    message: z.string().describe('what went wrong, for a person'),
  })
  .loose();

export type ErrorBody = z.infer<typeof errorSchema>;

export const errorBody = (statusCode: number, message: string): ErrorBody => ({
  statusCode,
  error: STATUS_CODES[statusCode] ?? 'Error',
  message,
});

/** Answers `statusCode` with the error shape (and any `extra` fields). */
export function sendError(reply: FastifyReply, statusCode: number, message: string, extra: Record<string, unknown> = {}) {
  return reply.code(statusCode).send({ ...errorBody(statusCode, message), ...extra });
}

/** Response schemas for error statuses a route answers. */
export const errorResponses = <C extends number>(...codes: C[]) =>
  Object.fromEntries(codes.map((c) => [c, errorSchema])) as Record<C, typeof errorSchema>;
