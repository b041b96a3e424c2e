import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { LiveKnowledge } from '../../config/knowledge/live-knowledge.js';
import { KnowledgeError, parseKnowledge } from '../../config/knowledge/load-knowledge.js';
import type { Knowledge } from '../../config/knowledge/schema.js';
import { errorResponses, sendError } from '../../shared/http-errors.js';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import type { EntryAnswers } from '../../store/entry-answers.js';
import { requireRole } from '../access/require-role.js';
import { answers, answersQuery, calendar, calendarBody } from './incident-schemas.js';
import { rejection } from './knowledge-schemas.js';

export interface KnowledgeViewOptions {
  knowledge: LiveKnowledge;
  decisions: EntryAnswers;
  now?: () => number;
}

const guard = requireRole('editor');
const editor = (summary: string) => documented(summary, 'editor');
const DAY_MS = 24 * 60 * 60 * 1000;
/** Mentions one answers listing reads at most (a busy week's worth): past it the counts say they are a lower bound. */
const SCANNED = 200_000;

function calendarOf(k: Knowledge, now: number) {
  return {
    timezone: k.timezone ?? 'UTC',
    now: new Date(now).toISOString(),
    entries: k.entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      title: e.title,
      start: e.window?.start ?? null,
      end: e.window?.end ?? null,
      channels: e.channels ?? null,
    })),
  };
}

/** The calendar of the entries' windows and the answers per entry (role editor). */
export const knowledgeViewRoutes: FastifyPluginAsyncZod<KnowledgeViewOptions> = async (app, opts) => {
  const { knowledge, decisions } = opts;
  const now = opts.now ?? Date.now;

  app.post(
    '/api/knowledge/calendar',
    {
      preHandler: guard,
      schema: {
        ...editor("Every entry's window as instants, with the file's time zone: of the draft given, else of the live file"),
        body: calendarBody,
        response: { 200: calendar, 422: rejection, ...errorResponses(400), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const { text } = request.body;
      try {
        return calendarOf(text === undefined ? knowledge.current() : parseKnowledge(text), now());
      } catch (err) {
        if (err instanceof KnowledgeError) return sendError(reply, 422, 'the draft does not parse', { problems: err.problems });
        throw err;
      }
    },
  );

  app.get(
    '/api/knowledge/answers',
    {
      preHandler: guard,
      schema: {
        ...editor('How many mentions each entry answered in the last day and week (by decision time), and the latest ones'),
        querystring: answersQuery,
        response: { 200: answers, ...errorResponses(400), ...guardedResponses },
      },
    },
    async (request) => {
      const t = now();
      const result = await decisions.answersByEntry({
        dayFrom: t - DAY_MS,
        weekFrom: t - 7 * DAY_MS,
        latest: request.query.latest,
        maxScanned: SCANNED,
      });
      const counted = new Map(result.entries.map((e) => [e.entryId, e]));
      const live = knowledge.current().entries;
      const liveIds = new Set(live.map((e) => e.id));
      // Every live entry (those that answered nothing too), then entries no longer in the file.
      const rows = [
        ...live.map((e) => ({ entryId: e.id, title: e.title, kind: e.kind as string | null, inFile: true })),
        ...result.entries
          .filter((e) => !liveIds.has(e.entryId))
          .map((e) => ({ entryId: e.entryId, title: null, kind: null, inFile: false })),
      ];
      return {
        now: new Date(t).toISOString(),
        complete: result.complete,
        entries: rows.map((r) => {
          const c = counted.get(r.entryId);
          return {
            ...r,
            lastDay: c?.lastDay ?? 0,
            lastWeek: c?.lastWeek ?? 0,
            latest: (c?.latest ?? []).map(({ id, channel, threadId, author, text, decidedAt }) => ({
              id,
              channel,
              threadId,
              author,
              text,
              decidedAt,
            })),
          };
        }),
      };
    },
  );
};
