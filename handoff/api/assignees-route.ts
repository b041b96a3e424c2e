import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import { requireRole } from '../access/require-role.js';
import { hasRole } from '../access/roles.js';
import type { UserDirectory } from '../access/user-directory.js';

/**
 * The people a thread can be given to (reassign), for any agent: their names only, never roles or
 * tokens (GET /api/users, with those, is for admins).
 */
export const assigneesRoute: FastifyPluginAsyncZod<{ users: UserDirectory }> = async (app, opts) => {
  app.get(
    '/api/assignees',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented('The people who may own threads (the agent role), by name: the reassign picker', 'agent'),
        response: { 200: z.object({ assignees: z.array(z.object({ name: z.string() })) }), ...guardedResponses },
      },
    },
    async () => {
      const users = await opts.users.listUsers();
      const names = users.filter((u) => hasRole(u, 'agent')).map((u) => u.name);
      return { assignees: names.sort((a, b) => a.localeCompare(b)).map((name) => ({ name })) };
    },
  );
};
