import type { FastifyInstance } from 'fastify';
import { requireRole } from '../access/require-role.js';
import type { UserDirectory } from '../access/user-directory.js';

const nameParam = { type: 'string', pattern: '^[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}$' } as const;

/** People and their API tokens, for admins: list them, revoke a token (it stops working at once). */
export async function usersRoutes(app: FastifyInstance, opts: { users: UserDirectory }) {
  app.get('/api/users', { preHandler: requireRole('admin'), config: { openapi: { summary: 'Users with their roles and API tokens (id, created, last used; never the token)', role: 'admin' } } }, async () => {
    const users = await opts.users.listUsers();
    return {
      users: await Promise.all(users.map(async (u) => ({ ...u, tokens: (await opts.users.listTokens(u.name)) ?? [] }))),
    };
  });

  app.delete<{ Params: { name: string; id: string } }>(
    '/api/users/:name/tokens/:id',
    {
      preHandler: requireRole('admin'),
      config: { openapi: { summary: 'Revoke one API token of a user (by its id)', role: 'admin' } },
      schema: { params: { type: 'object', required: ['name', 'id'], properties: { name: nameParam, id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } } } },
    },
    async (request, reply) => {
      const { name, id } = request.params;
      if (!(await opts.users.revokeToken(name, id))) return reply.code(404).send({ error: `${name} has no token ${id}` });
      request.log.info({ user: name, tokenId: id, by: request.user?.name }, 'API token revoked');
      return reply.code(204).send();
    },
  );
}
