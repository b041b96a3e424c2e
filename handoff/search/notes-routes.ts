import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import { errorResponses, sendError } from '../../shared/http-errors.js';
import type { HandoffEvents } from '../../store/handoff-events.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import type { SearchStore } from '../../store/search-store.js';
import { requireRole } from '../access/require-role.js';
import { keyParams } from '../api/schemas.js';
import { parseThreadKey } from '../thread-key.js';

export const NOTE_MAX_CHARS = 2000;

const noteSchema = z.object({ id: z.number(), author: z.string(), text: z.string(), at: z.number() });

/** Internal notes: the team's words on a thread, kept apart from the conversation and never sent to the platform. */
export const notesRoutes: FastifyPluginAsyncZod<{
  search: SearchStore;
  handoff: HandoffStore;
  events: HandoffEvents;
  now: () => number;
}> = async (app, opts) => {
  app.get(
    '/api/threads/:key/notes',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented("The thread's internal notes, oldest first (never sent to the platform)", 'agent'),
        params: keyParams,
        response: { 200: z.object({ notes: z.array(noteSchema) }), ...errorResponses(404), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const ref = parseThreadKey(request.params.key);
      if (!ref) return sendError(reply, 404, 'no such thread');
      const notes = await opts.search.notes(ref.channel, ref.threadId);
      return { notes: notes.map(({ id, author, text, at }) => ({ id, author, text, at })) };
    },
  );

  app.post(
    '/api/threads/:key/notes',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented('Add an internal note to the thread: seen by the team only, searchable, never sent to the platform', 'agent'),
        params: keyParams,
        body: z.strictObject({ text: z.string().min(1).max(NOTE_MAX_CHARS).regex(/\S/, 'a note needs some text') }),
        response: { 201: z.object({ note: noteSchema }), ...errorResponses(400, 404), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const ref = parseThreadKey(request.params.key);
      if (!ref) return sendError(reply, 404, 'no such thread');
      const at = opts.now();
      const author = request.user!.name;
      const note = await opts.search.addNote({ ...ref, author, text: request.body.text.trim(), now: at });
      if (!note) return sendError(reply, 404, 'no such thread');
      // Other consoles showing the thread load its notes again.
      const thread = await opts.handoff.getThread(ref.channel, ref.threadId);
      await opts.events.publish({
        key: request.params.key,
        ...ref,
        type: 'note',
        state: thread?.state ?? null,
        assignee: thread?.assignee ?? null,
        actor: author,
        at,
      });
      return reply.code(201).send({ note: { id: note.id, author: note.author, text: note.text, at: note.at } });
    },
  );
};
