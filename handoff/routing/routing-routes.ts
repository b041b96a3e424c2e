import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseRouting, RoutingError, ROUTING_TEXT_LIMIT } from '../../config/routing/load-routing.js';
import type { LiveRouting } from '../../config/routing/live-routing.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import { errorResponses, sendError } from '../../shared/http-errors.js';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import { requireRole } from '../access/require-role.js';
import type { BusinessHours } from '../hours/business-hours.js';
import { HANDOFF_SAMPLES_KEPT } from './apply-routing.js';
import { dryRun } from './dry-run.js';

const problem = z.object({ message: z.string(), line: z.number(), column: z.number(), path: z.string() });
const statusSchema = z.object({
  version: z.number(),
  sha256: z.string(),
  loadedAt: z.string(),
  rules: z.number(),
  lastError: z.object({ at: z.string(), source: z.enum(['file', 'publish']), problems: z.array(problem) }).optional(),
});
const textBody = z.strictObject({ text: z.string().max(ROUTING_TEXT_LIMIT) });
const problemsResponse = z.object({ statusCode: z.number(), error: z.string(), message: z.string(), problems: z.array(problem) });

export interface RoutingRouteOptions {
  routing: LiveRouting;
  samples: Pick<HandoffStore, 'recentHandoffSamples'>;
  hours: BusinessHours;
}

const problemsOf = (err: RoutingError) => err.problems.map(({ message, line, column, path }) => ({ message, line, column, path }));

/** The routing rules for admins: read them, check a draft, publish it, and try one rule on the recent handoffs. */
export const routingRoutes: FastifyPluginAsyncZod<RoutingRouteOptions> = async (app, opts) => {
  app.get(
    '/api/routing',
    {
      preHandler: requireRole('admin'),
      schema: {
        ...documented('The live routing rules: the file text and its status (a refused edit: its problems)', 'admin'),
        response: { 200: z.object({ text: z.string(), status: statusSchema }), ...guardedResponses },
      },
    },
    async () => {
      const { file: _file, ...status } = opts.routing.status();
      return { text: opts.routing.text(), status };
    },
  );

  app.post(
    '/api/routing/check',
    {
      preHandler: requireRole('admin'),
      schema: {
        ...documented('Check a draft of the routing file: its problems with line and column (none: it may be published)', 'admin'),
        body: textBody,
        response: { 200: z.object({ problems: z.array(problem) }), ...errorResponses(400), ...guardedResponses },
      },
    },
    async (request) => ({ problems: opts.routing.check(request.body.text).map(({ unreadable: _u, ...p }) => p) }),
  );

  app.put(
    '/api/routing',
    {
      preHandler: requireRole('admin'),
      schema: {
        ...documented(
          'Publish the routing file: checked, written, live at once (a broken text changes nothing: 422 with its problems)',
          'admin',
        ),
        body: textBody,
        response: { 200: z.object({ status: statusSchema }), 422: problemsResponse, ...errorResponses(400), ...guardedResponses },
      },
    },
    async (request, reply) => {
      try {
        const { file: _file, ...status } = await opts.routing.publish(request.body.text);
        request.log.info({ by: request.user?.name, version: status.version, rules: status.rules }, 'routing rules published');
        return { status };
      } catch (err) {
        if (err instanceof RoutingError) return sendError(reply, 422, 'the routing file has problems', { problems: problemsOf(err) });
        throw err;
      }
    },
  );

  app.post(
    '/api/routing/dry-run',
    {
      preHandler: requireRole('admin'),
      schema: {
        ...documented(
          `Which of the last ${HANDOFF_SAMPLES_KEPT} handoffs one rule of a draft would have matched (nothing changes)`,
          'admin',
        ),
        body: z.strictObject({
          text: z.string().max(ROUTING_TEXT_LIMIT),
          rule: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/),
        }),
        response: {
          200: z.object({
            looked: z.number(),
            matched: z.number(),
            matches: z.array(
              z.object({ at: z.number(), channel: z.string(), threadId: z.string(), text: z.string(), decidesTeam: z.boolean() }),
            ),
          }),
          404: z.object({ statusCode: z.number(), error: z.string(), message: z.string() }),
          422: problemsResponse,
          ...errorResponses(400),
          ...guardedResponses,
        },
      },
    },
    async (request, reply) => {
      let draft: ReturnType<typeof parseRouting>['routing'];
      try {
        draft = parseRouting(request.body.text).routing;
      } catch (err) {
        if (err instanceof RoutingError) return sendError(reply, 422, 'the routing file has problems', { problems: problemsOf(err) });
        throw err;
      }
      if (!draft.rules.some((r) => r.name === request.body.rule)) return sendError(reply, 404, `no rule named ${request.body.rule}`);
      const samples = await opts.samples.recentHandoffSamples(HANDOFF_SAMPLES_KEPT);
      const { looked, matches } = dryRun(draft, request.body.rule, samples, opts.hours);
      return { looked, matched: matches.length, matches: matches.slice(0, 200) };
    },
  );
};
