import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import { errorResponses, sendError } from '../../shared/http-errors.js';
import { requireRole } from '../access/require-role.js';
import { keyParams } from '../api/schemas.js';
import { parseThreadKey } from '../thread-key.js';
import type { Moderation } from './hide-comment.js';

const params = keyParams.extend({
  platformId: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\w.:-]+$/, 'a platform id is letters, digits, _ . : -')
    .describe("the comment's id on the platform (a transcript item's platformId)"),
});

/** Hide and show a customer's comment from the console (agents); recorded on the thread. */
export const moderationRoutes: FastifyPluginAsyncZod<{ moderation: Moderation }> = async (app, opts) => {
  for (const [path, hidden] of [
    ['hide', true],
    ['show', false],
  ] as const) {
    app.post(
      `/api/threads/:key/comments/:platformId/${path}`,
      {
        preHandler: requireRole('agent'),
        schema: {
          ...documented(
            hidden
              ? "Hide the customer's comment on the platform (Facebook Page and Instagram comments): gone for everyone but its author and the brand"
              : 'Show a hidden comment again',
            'agent',
          ),
          params,
          response: { 200: z.object({ hidden: z.boolean() }), ...errorResponses(400, 404, 409, 502, 503), ...guardedResponses },
        },
      },
      async (request, reply) => {
        const ref = parseThreadKey(request.params.key);
        if (!ref) return sendError(reply, 404, 'no such thread');
        const result = await opts.moderation.setHidden(ref, request.params.platformId, hidden, request.user!.name);
        if (!result.ok) return sendError(reply, result.status, result.message);
        return { hidden: result.hidden };
      },
    );
  }
};
