import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import { errorResponses, sendError } from '../../shared/http-errors.js';
import { requireRole } from '../access/require-role.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import type { ThreadActions } from '../thread-actions.js';
import { parseThreadKey } from '../thread-key.js';
import { emptyBody, keyParams } from './schemas.js';

/**
 * The owner read the thread: its unread marker goes (the console calls it when the owner opens the
 * thread). Someone else's thread is refused (409): their marker stays until they read it.
 */
export const readRoute: FastifyPluginAsyncZod<{ handoff: HandoffStore; actions: ThreadActions; now: () => number }> = async (app, opts) => {
  app.post(
    '/api/threads/:key/read',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented("Mark the thread read: clears its unread marker (the owner's, or anyone's when no person owns it)", 'agent'),
        params: keyParams,
        body: emptyBody,
        response: {
          200: z.object({ key: z.string(), unread: z.boolean(), wasUnread: z.boolean() }),
          ...errorResponses(400, 404, 409),
          ...guardedResponses,
        },
      },
    },
    async (request, reply) => {
      const ref = parseThreadKey(request.params.key);
      if (!ref) return sendError(reply, 404, 'no such thread');
      const before = await opts.handoff.getThread(ref.channel, ref.threadId);
      if (!before) return sendError(reply, 404, 'no such thread');
      const user = request.user!;
      const result = await opts.handoff.markRead({ ...ref, reader: user.name, now: opts.now() });
      if (!result.thread) return sendError(reply, 404, 'no such thread');
      if (!result.ok) return sendError(reply, 409, `${result.thread.assignee} owns this thread: only they mark it read`);
      // The other consoles' queue rows lose the marker.
      if (before.unreadAt !== null) await opts.actions.announce(ref, 'read', user.name, result.thread);
      return { key: request.params.key, unread: false, wasUnread: before.unreadAt !== null };
    },
  );
};
