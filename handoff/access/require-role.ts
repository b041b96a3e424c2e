import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../../shared/http-errors.js';
import { hasRole, type Role } from './roles.js';

/**
 * A route guard (preHandler): 401 when not signed in, 403 without the role. Sets `request.user`.
 * (Request forgery is refused earlier, for every /api/ route: see access-plugin.ts.)
 */
export function requireRole(role: Role) {
  return async function guard(request: FastifyRequest, reply: FastifyReply) {
    const user = await request.server.access.userOf(request);
    if (!user) return sendError(reply, 401, 'sign in first');
    if (!hasRole(user, role)) return sendError(reply, 403, `this needs the ${role} role`);
    request.user = user;
  };
}
