import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasRole, type Role } from './roles.js';

/**
 * A route guard (preHandler): 401 when not signed in, 403 without the role. Sets `request.user`.
 * (Request forgery is refused earlier, for every /api/ route: see access-plugin.ts.)
 */
export function requireRole(role: Role) {
  return async function guard(request: FastifyRequest, reply: FastifyReply) {
    const user = await request.server.access.userOf(request);
    if (!user) return reply.code(401).send({ error: 'sign in first' });
    if (!hasRole(user, role)) return reply.code(403).send({ error: `this needs the ${role} role` });
    request.user = user;
  };
}
