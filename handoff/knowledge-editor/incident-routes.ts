import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type KnowledgeHistory, StaleBaseError } from '../../config/knowledge/knowledge-history.js';
import type { LiveKnowledge } from '../../config/knowledge/live-knowledge.js';
import { KnowledgeError } from '../../config/knowledge/load-knowledge.js';
import { errorResponses, sendError } from '../../shared/http-errors.js';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import type { EntryAnswers } from '../../store/entry-answers.js';
import { requireRole } from '../access/require-role.js';
import { addIncident, DraftEditError, endWindow } from './incident-draft.js';
import { draftBody, drafted, endBody, entryParams, suggestBody, suggested } from './incident-schemas.js';
import { published, rejection } from './knowledge-schemas.js';
import { suggestPhrasings } from './suggest-phrasings.js';

export interface IncidentRouteOptions {
  knowledge: LiveKnowledge;
  history: KnowledgeHistory;
  decisions: EntryAnswers;
  now?: () => number;
}

const guard = requireRole('editor');
const editor = (summary: string) => documented(summary, 'editor');
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
/** Handed-off mentions a suggestion compares with, and mentions read to find them, at most. */
const COMPARED = 300;
const SCANNED = 20_000;

/** An instant as the file shows it: ISO 8601 in UTC, to the second. */
const isoSecond = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/**
 * New incident and end incident (role editor): suggestions from recent handoffs, an incident entry
 * added to a draft (which the editor previews, checks and publishes as any draft), and ending an
 * entry's window now, published at once through the same checks as any publish.
 */
export const incidentRoutes: FastifyPluginAsyncZod<IncidentRouteOptions> = async (app, opts) => {
  const { knowledge, history, decisions } = opts;
  const now = opts.now ?? Date.now;

  app.post(
    '/api/knowledge/incidents/suggest',
    {
      preHandler: guard,
      schema: {
        ...editor(
          "Keywords and example phrasings for a new incident, from the last week's handed-off mentions that resemble its description",
        ),
        body: suggestBody,
        response: { 200: suggested, ...errorResponses(400), ...guardedResponses },
      },
    },
    async (request) => {
      const t = now();
      const recent = await decisions.recentHandoffs({ since: t - WEEK_MS, limit: COMPARED, maxScanned: SCANNED });
      return suggestPhrasings(request.body.description, recent);
    },
  );

  app.post(
    '/api/knowledge/incidents/draft',
    {
      preHandler: guard,
      schema: {
        ...editor(
          'Adds an incident entry (window from `since` or now, keywords, examples, the reply) to a draft or the live text; nothing goes live',
        ),
        body: draftBody,
        response: { 200: drafted, ...errorResponses(400, 422), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const b = request.body;
      if (b.keywords.length + b.examples.length === 0)
        return sendError(reply, 400, 'choose at least one keyword or example phrasing: the bot recognises the incident by them');
      const start = isoSecond(b.since ? Date.parse(b.since) : now());
      try {
        const { text, id } = addIncident(b.text ?? knowledge.text(), {
          title: b.title,
          start,
          action: b.action,
          link: b.link,
          keywords: [...new Set(b.keywords)],
          examples: [...new Set(b.examples)],
        });
        return { text, id, start };
      } catch (err) {
        if (err instanceof DraftEditError) return sendError(reply, 422, err.message);
        throw err;
      }
    },
  );

  app.post(
    '/api/knowledge/incidents/:id/end',
    {
      preHandler: guard,
      schema: {
        ...editor("Ends an entry's window now: the live text with the window's end set to now, published with every check of a publish"),
        params: entryParams,
        body: endBody,
        response: { 200: published, 422: rejection, ...errorResponses(400, 404, 409, 500), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const entry = knowledge.current().entries.find((e) => e.id === id);
      if (!entry) return sendError(reply, 404, `no entry "${id}" in the live file`);
      const t = now();
      const start = entry.window?.start ? Date.parse(entry.window.start) : undefined;
      const end = entry.window?.end ? Date.parse(entry.window.end) : undefined;
      if (end !== undefined && end <= t) return sendError(reply, 409, `"${id}" already ended (${entry.window!.end})`);
      if (start !== undefined && start >= t)
        return sendError(reply, 409, `"${id}" has not started yet (${entry.window!.start}): edit or remove its window instead`);
      try {
        const base = { text: knowledge.text(), sha256: knowledge.status().sha256 };
        // To the millisecond: ended within the second it started, it would otherwise end as it starts.
        const text = endWindow(base.text, id, new Date(t).toISOString());
        // From the text read above: a version another editor put live meanwhile is refused, not overwritten.
        const result = await history.publish(text, request.user!.name, request.body.message?.trim() || `end incident ${id}`, base.sha256);
        request.log.info({ entry: id, version: result.version.version, author: result.version.author }, 'incident ended');
        return result;
      } catch (err) {
        if (err instanceof DraftEditError) return sendError(reply, 422, err.message, { problems: [] });
        if (err instanceof StaleBaseError) return sendError(reply, 409, err.message);
        if (err instanceof KnowledgeError)
          return sendError(reply, 422, 'the knowledge file has errors: nothing was published', { problems: err.problems });
        throw err;
      }
    },
  );
};
