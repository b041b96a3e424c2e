import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasRole, type Role } from './roles.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A route guard (preHandler): 401 when not signed in, 403 without the role. A browser session
 * changing state must send JSON from this origin: a cross-site form cannot (it would need CORS),
 * which with SameSite=Strict cookies closes request forgery.
 */
export function requireRole(role: Role) {
  return async function guard(request: FastifyRequest, reply: FastifyReply) {
    const user = await request.server.access.userOf(request);
    if (!user) return reply.code(401).send({ error: 'sign in first' });
    if (!hasRole(user, role)) return reply.code(403).send({ error: `this needs the ${role} role` });
    if (request.authVia === 'session' && !SAFE_METHODS.has(request.method)) {
      const type = String(request.headers['content-type'] ?? '');
      const origin = request.headers.origin;
      if (!type.startsWith('application/json')) return reply.code(415).send({ error: 'send JSON (content-type: application/json)' });
      if (origin && new URL(origin).host !== request.headers.host) return reply.code(403).send({ error: 'cross-origin request refused' });
    }
    request.user = user;
  };
}
