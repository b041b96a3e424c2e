import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import { errorResponses, sendError } from '../../shared/http-errors.js';
import { requireRole } from '../access/require-role.js';
import { taggedKey, type HandoffStore } from '../../store/handoff-store.js';
import type { ThreadActions } from '../thread-actions.js';
import { parseThreadKey } from '../thread-key.js';
import { keyParams } from './schemas.js';

export interface TagRouteOptions {
  handoff: HandoffStore;
  actions: ThreadActions;
  now: () => number;
}

export const MAX_TAGS_PER_THREAD = 20;

/** A tag as kept: trimmed, lower case, single spaces. */
export const normaliseTag = (raw: string) => raw.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
// Letters and digits of any script, with inner spaces, dots, dashes and underscores: nothing invisible.
const TAG = /^[\p{L}\p{N}](?:[\p{L}\p{N} ._-]{0,30}[\p{L}\p{N}])?$/u;
const tagSchema = z
  .string()
  .max(64)
  .transform(normaliseTag)
  .refine((t) => TAG.test(t), 'a tag is 1 to 32 letters or digits (spaces, dots, dashes, underscores inside)');

const tagsSchema = z.object({ tags: z.array(z.string()).describe('the thread’s tags, sorted') });

/** Agents' tags on a thread: read, add, remove; every change reaches the consoles (the queue rows show them). */
export const tagRoutes: FastifyPluginAsyncZod<TagRouteOptions> = async (app, opts) => {
  const threadOf = async (key: string) => {
    const ref = parseThreadKey(key);
    return ref && (await opts.handoff.getThread(ref.channel, ref.threadId)) ? ref : undefined;
  };

  app.get(
    '/api/threads/:key/tags',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented("The thread's tags", 'agent'),
        params: keyParams,
        response: { 200: tagsSchema, ...errorResponses(400, 404), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const ref = await threadOf(request.params.key);
      if (!ref) return sendError(reply, 404, 'no such thread');
      return { tags: (await opts.handoff.threadTags([ref])).get(taggedKey(ref)) ?? [] };
    },
  );

  app.post(
    '/api/threads/:key/tags',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented(
          `Tag the thread (kept in lower case; at most ${MAX_TAGS_PER_THREAD} a thread); the same tag twice is kept once`,
          'agent',
        ),
        params: keyParams,
        body: z.strictObject({ tag: tagSchema }),
        response: { 200: tagsSchema, ...errorResponses(400, 404, 409), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const ref = await threadOf(request.params.key);
      if (!ref) return sendError(reply, 404, 'no such thread');
      const current = (await opts.handoff.threadTags([ref])).get(taggedKey(ref)) ?? [];
      if (current.length >= MAX_TAGS_PER_THREAD && !current.includes(request.body.tag))
        return sendError(reply, 409, `a thread has at most ${MAX_TAGS_PER_THREAD} tags: remove one first`);
      const user = request.user!.name;
      const result = await opts.handoff.tagThread({ ...ref, tag: request.body.tag, add: true, actor: user, now: opts.now() });
      if (result.changed) await opts.actions.announce(ref, 'tag', user);
      return { tags: result.tags };
    },
  );

  app.delete(
    '/api/threads/:key/tags/:tag',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented('Remove a tag from the thread (a tag it does not have: nothing changes)', 'agent'),
        params: keyParams.extend({ tag: tagSchema }),
        response: { 200: tagsSchema, ...errorResponses(400, 404), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const ref = await threadOf(request.params.key);
      if (!ref) return sendError(reply, 404, 'no such thread');
      const user = request.user!.name;
      const result = await opts.handoff.tagThread({ ...ref, tag: request.params.tag, add: false, actor: user, now: opts.now() });
      if (result.changed) await opts.actions.announce(ref, 'untag', user);
      return { tags: result.tags };
    },
  );
};
