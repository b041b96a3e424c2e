import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HandoffStore } from '../../store/handoff-store.js';
import { errorResponses, sendError } from '../../shared/http-errors.js';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import { requireRole } from '../access/require-role.js';
import { parseThreadKey } from '../thread-key.js';

const teamName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, - and _ (at most 40)')
  .refine((n) => n !== 'all', 'all is the name of every queue together');
const userName = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}$/);
const teamSchema = z.object({
  name: z.string(),
  members: z.array(z.string()),
  webhook: z
    .object({ format: z.enum(['slack', 'teams']) })
    .nullable()
    .describe('the format only: the URL is a secret'),
});

export interface TeamRouteOptions {
  handoff: Pick<HandoffStore, 'listTeams' | 'saveTeam' | 'deleteTeam' | 'setThreadTeam' | 'getThread'>;
  now: () => number;
}

/** Teams: agents list them and move a thread to another team's queue; admins create, change and delete them. */
export const teamRoutes: FastifyPluginAsyncZod<TeamRouteOptions> = async (app, opts) => {
  app.get(
    '/api/teams',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented('Teams with their members (and whether a webhook is set, never its URL)', 'agent'),
        response: { 200: z.object({ teams: z.array(teamSchema) }), ...guardedResponses },
      },
    },
    async () => ({
      teams: (await opts.handoff.listTeams()).map((t) => ({ ...t, webhook: t.webhook && { format: t.webhook.format } })),
    }),
  );

  app.put(
    '/api/teams/:name',
    {
      preHandler: requireRole('admin'),
      schema: {
        ...documented('Create or change a team: its members and its webhook (left out: kept; null: removed)', 'admin'),
        params: z.object({ name: teamName }),
        body: z.strictObject({
          members: z.array(userName).max(500),
          webhook: z
            .strictObject({ url: z.url({ protocol: /^https$/ }).max(2000), format: z.enum(['slack', 'teams']) })
            .nullable()
            .optional(),
        }),
        response: { 200: teamSchema, ...errorResponses(400), ...guardedResponses },
      },
    },
    async (request) => {
      const { name } = request.params;
      const before = (await opts.handoff.listTeams()).find((t) => t.name === name);
      const webhook = request.body.webhook === undefined ? (before?.webhook ?? null) : request.body.webhook;
      const members = [...new Set(request.body.members)].sort();
      await opts.handoff.saveTeam({ name, members, webhook });
      request.log.info({ team: name, members: members.length, webhook: !!webhook, by: request.user?.name }, 'team saved');
      return { name, members, webhook: webhook && { format: webhook.format } };
    },
  );

  app.delete(
    '/api/teams/:name',
    {
      preHandler: requireRole('admin'),
      schema: {
        ...documented('Delete a team (its threads stay where they are until routed or moved)', 'admin'),
        params: z.object({ name: teamName }),
        response: { 204: z.void().describe('deleted'), ...errorResponses(400, 404), ...guardedResponses },
      },
    },
    async (request, reply) => {
      if (!(await opts.handoff.deleteTeam(request.params.name))) return sendError(reply, 404, `no team named ${request.params.name}`);
      return reply.code(204).send(undefined);
    },
  );

  app.put(
    '/api/threads/:key/team',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented("Move a thread to a team's queue (null: to no team's)", 'agent'),
        params: z.object({ key: z.string().regex(/^[A-Za-z0-9_-]{1,2800}$/) }),
        body: z.strictObject({ team: teamName.nullable() }),
        response: {
          200: z.object({ team: z.string().nullable(), changed: z.boolean() }),
          ...errorResponses(400, 404),
          ...guardedResponses,
        },
      },
    },
    async (request, reply) => {
      const ref = parseThreadKey(request.params.key);
      if (!ref || !(await opts.handoff.getThread(ref.channel, ref.threadId))) return sendError(reply, 404, 'no such thread');
      const { team } = request.body;
      if (team !== null && !(await opts.handoff.listTeams()).some((t) => t.name === team))
        return sendError(reply, 400, `no team named ${team}`);
      const changed = await opts.handoff.setThreadTeam({ ...ref, team, actor: request.user!.name, now: opts.now() });
      return { team, changed };
    },
  );
};
