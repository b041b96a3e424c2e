import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parse } from 'yaml';
import { z } from 'zod';
import { errorResponses, sendError } from '../../shared/http-errors.js';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import type { EmergingGroupRecord, EmergingGroups } from '../../store/emerging-groups.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import { requireRole } from '../access/require-role.js';
import { parseThreadKey } from '../thread-key.js';
import { answerGroup, type AnswerGroupDeps } from './answer-group.js';
import { addDraftedEntry, DraftEditError } from '../knowledge-editor/incident-draft.js';
import { answeredSchema, draftBody, draftedSchema, entryBody, groupParams, groupSchema, groupsSchema } from './emerging-schemas.js';

export interface EmergingRouteOptions extends Omit<AnswerGroupDeps, 'groups' | 'handoff'> {
  groups: EmergingGroups;
  handoff: HandoffStore;
  /** An entry of the live file active now (on any channel): its title; undefined otherwise. */
  liveEntry(entryId: string): { title: string } | undefined;
  /** The consoles are told: a group changed (dismissed, linked, answered). */
  changed(id: string, actor: string): void;
  /** Answers the rest of an answered group's threads off the request (answer-runner.ts). */
  continueAnswering(id: string): void;
}

/** Groups listed at most (newest first). */
const LISTED = 20;

/**
 * Emerging incidents (issue 19): agents see the raised groups; editors dismiss one, link it to the
 * entry published for it, and answer its waiting threads with that entry (once).
 */
export const emergingRoutes: FastifyPluginAsyncZod<EmergingRouteOptions> = async (app, opts) => {
  const { groups, handoff } = opts;
  const editor = requireRole('editor');

  const shown = async (g: EmergingGroupRecord) => {
    const entryId = g.entryId ?? (opts.liveEntry(g.draftId) ? g.draftId : null);
    const states = await Promise.all(
      g.status === 'open'
        ? g.threadKeys.map((k) => {
            const ref = parseThreadKey(k);
            return ref ? handoff.getThread(ref.channel, ref.threadId).then((t) => t?.state) : undefined;
          })
        : [],
    );
    return {
      ...g,
      entryId,
      entryTitle: entryId ? (opts.liveEntry(entryId)?.title ?? null) : null,
      waiting: states.filter((s) => s === 'waiting').length,
      threads: g.threadKeys.length,
    };
  };

  app.get(
    '/api/emerging',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented('Emerging incidents raised and still open, newest first', 'agent'),
        response: { 200: groupsSchema, ...guardedResponses },
      },
    },
    async () => ({ groups: await Promise.all((await groups.listGroups(LISTED)).map(shown)) }),
  );

  app.get(
    '/api/emerging/:id',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented('One emerging incident (any status), with its drafted entry', 'agent'),
        params: groupParams,
        response: { 200: groupSchema, ...errorResponses(400, 404), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const g = await groups.getGroup(request.params.id);
      return g ? shown(g) : sendError(reply, 404, 'no such group');
    },
  );

  app.post(
    '/api/emerging/:id/draft',
    {
      preHandler: editor,
      schema: {
        ...documented(
          "Adds the group's drafted entry at the end of the entries of the text given (the knowledge editor's draft): its reply is left for the editor to write before the publish",
          'editor',
        ),
        params: groupParams,
        body: draftBody,
        response: { 200: draftedSchema, ...errorResponses(400, 404, 422), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const g = await groups.getGroup(request.params.id);
      if (!g) return sendError(reply, 404, 'no such group');
      const [entry] = parse(g.draftYaml) as [{ id: string } & Record<string, unknown>];
      try {
        return addDraftedEntry(request.body.text, entry);
      } catch (err) {
        if (err instanceof DraftEditError) return sendError(reply, 422, err.message);
        throw err;
      }
    },
  );

  app.post(
    '/api/emerging/:id/dismiss',
    {
      preHandler: editor,
      schema: {
        ...documented('Dismisses an open emerging incident: the consoles stop showing it', 'editor'),
        params: groupParams,
        response: { 204: z.void().describe('dismissed'), ...errorResponses(400, 404, 409), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await groups.getGroup(id))) return sendError(reply, 404, 'no such group');
      if (!(await groups.settleGroup(id, 'dismissed', request.user!.name, opts.now())))
        return sendError(reply, 409, 'the group is not open');
      opts.changed(id, request.user!.name);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/emerging/:id/link',
    {
      preHandler: editor,
      schema: {
        ...documented('Links an open emerging incident to the live entry published for it (when its id is not the drafted one)', 'editor'),
        params: groupParams,
        body: entryBody,
        response: { 200: groupSchema, ...errorResponses(400, 404, 409, 422), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!opts.liveEntry(request.body.entryId)) return sendError(reply, 422, `no active entry "${request.body.entryId}" in the live file`);
      if (!(await groups.getGroup(id))) return sendError(reply, 404, 'no such group');
      if (!(await groups.linkEntry(id, request.body.entryId))) return sendError(reply, 409, 'the group is not open');
      opts.changed(id, request.user!.name);
      return shown((await groups.getGroup(id))!);
    },
  );

  app.post(
    '/api/emerging/:id/answer',
    {
      preHandler: editor,
      schema: {
        ...documented(
          "Answers the group's waiting threads with a live entry, once: one reply per thread through the outbox (threads a person claimed are skipped), each recorded as answered by the entry and handed back to the bot. The answer lists the first page of threads; the rest are answered after it, a page at a time",
          'editor',
        ),
        params: groupParams,
        body: entryBody,
        response: { 200: answeredSchema, ...errorResponses(400, 404, 409, 422), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!opts.liveEntry(request.body.entryId)) return sendError(reply, 422, `no active entry "${request.body.entryId}" in the live file`);
      const result = await answerGroup({ ...opts, groups, handoff }, id, request.body.entryId, request.user!);
      if (!result.ok) return sendError(reply, result.status, result.error);
      opts.changed(id, request.user!.name);
      if (result.remaining > 0) opts.continueAnswering(id);
      return { answered: result.answered, skipped: result.skipped, remaining: result.remaining };
    },
  );
};
