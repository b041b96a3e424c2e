import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import { errorResponses, sendError } from '../../shared/http-errors.js';
import { requireRole } from '../access/require-role.js';
import type { UserDirectory } from '../access/user-directory.js';

const usersSchema = z.object({
  users: z.array(
    z.object({
      name: z.string(),
      roles: z.array(z.string()),
      tokens: z
        .array(z.object({ id: z.string(), createdAt: z.number().nullable(), lastUsedAt: z.number().nullable() }))
        .describe('never the token itself'),
      claimCap: z.number().int().nullable().describe("the person's own cap of claimed threads; null: the default applies"),
      signedIn: z.boolean().describe('a console session is open (auto-assignment gives threads only then)'),
    }),
  ),
  defaultClaimCap: z.number().int().nullable().describe('AGENT_CLAIM_CAP; null: no cap'),
});

const nameParam = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}$/);

/** People and their API tokens, for admins: list them, revoke a token (it stops working at once). */
export const usersRoutes: FastifyPluginAsyncZod<{
  users: UserDirectory;
  /** Whether the person has a console session open now. */
  signedIn: (name: string) => Promise<boolean>;
  /** AGENT_CLAIM_CAP (0: none). */
  defaultCap: number;
}> = async (app, opts) => {
  app.get(
    '/api/users',
    {
      preHandler: requireRole('admin'),
      schema: {
        ...documented('Users with their roles and API tokens (id, created, last used; never the token)', 'admin'),
        response: { 200: usersSchema, ...guardedResponses },
      },
    },
    async () => {
      const users = await opts.users.listUsers();
      return {
        users: await Promise.all(
          users.map(async (u) => ({
            ...u,
            tokens: (await opts.users.listTokens(u.name)) ?? [],
            claimCap: await opts.users.claimCap(u.name),
            signedIn: await opts.signedIn(u.name),
          })),
        ),
        defaultClaimCap: opts.defaultCap || null,
      };
    },
  );

  app.delete(
    '/api/users/:name/tokens/:id',
    {
      preHandler: requireRole('admin'),
      schema: {
        ...documented('Revoke one API token of a user (by its id)', 'admin'),
        params: z.object({ name: nameParam, id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }),
        response: { 204: z.void().describe('revoked'), ...errorResponses(400, 404), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const { name, id } = request.params;
      if (!(await opts.users.revokeToken(name, id))) return sendError(reply, 404, `${name} has no token ${id}`);
      request.log.info({ user: name, tokenId: id, by: request.user?.name }, 'API token revoked');
      return reply.code(204).send(undefined);
    },
  );

  app.put(
    '/api/users/:name/claim-cap',
    {
      preHandler: requireRole('admin'),
      schema: {
        ...documented(
          "Set a person's cap of claimed threads (null: the service's default); claims and assignments past it get 409",
          'admin',
        ),
        params: z.object({ name: nameParam }),
        body: z.strictObject({ cap: z.number().int().min(1).max(1000).nullable() }),
        response: {
          200: z.object({ name: z.string(), claimCap: z.number().int().nullable() }),
          ...errorResponses(400, 404),
          ...guardedResponses,
        },
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      const { cap } = request.body;
      if (!(await opts.users.setClaimCap(name, cap))) return sendError(reply, 404, `no user ${name}`);
      request.log.info({ user: name, cap, by: request.user?.name }, 'claim cap set');
      return { name, claimCap: cap };
    },
  );
};
