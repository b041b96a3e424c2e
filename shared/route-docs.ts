import type { FastifySchema } from 'fastify';
import { errorSchema } from './http-errors.js';

declare module 'fastify' {
  interface FastifySchema {
    /** The role a route needs (agent, editor, admin); in the OpenAPI document as x-role. */
    'x-role'?: string;
  }
}

/** A route's line in the OpenAPI document and, for a guarded route, the role it needs and its 401/403. */
export function documented(
  summary: string,
  role: 'agent' | 'editor' | 'admin' | null = null,
): Pick<FastifySchema, 'summary' | 'description' | 'security' | 'x-role'> {
  if (!role) return { summary };
  const security: Record<string, string[]>[] = [{ session: [] }, { token: [] }];
  return { summary, description: `needs the ${role} role`, security, 'x-role': role };
}

/** The answers of a guarded route when not signed in (401) or without the role (403). */
export const guardedResponses = { 401: errorSchema, 403: errorSchema };
