import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import { errorSchema } from '../../shared/http-errors.js';
import { MAX_QUERY_TERMS, searchTokens } from '../../shared/search-tokens.js';
import type { SearchStore, ViewCounts } from '../../store/search-store.js';
import { requireRole } from '../access/require-role.js';
import { threadKey } from '../thread-key.js';
import { searchSnippet } from './search-snippet.js';

export const SEARCH_PAGE_DEFAULT = 25;
export const SEARCH_PAGE_MAX = 100;
/** Counts are shared by the consoles asking within this time (on Redis they walk every thread). */
const COUNTS_MAX_AGE_MS = 5000;

const STATES = ['bot', 'waiting', 'agent', 'resolved', 'closed'] as const;

const querystring = z.strictObject({
  q: z
    .string()
    .max(200)
    .optional()
    .describe(
      `words that must all appear in the thread's mentions, replies or notes (the first ${MAX_QUERY_TERMS} count); empty: every thread`,
    ),
  channel: z
    .string()
    .regex(/^[a-z0-9_-]{1,32}$/)
    .optional()
    .describe('only threads of this channel'),
  priority: z.enum(['urgent', 'high', 'normal', 'low']).optional().describe("the latest mention's priority level"),
  topic: z
    .string()
    .regex(/^[\w.-]{1,64}$/)
    .optional()
    .describe("the understanding's topic of the latest mention"),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/)
    .optional()
    .describe('ISO 639-1 code of the latest mention (understood or detected)'),
  assignee: z.string().min(1).max(64).optional().describe('the person who owns the thread'),
  state: z.enum(STATES).optional().describe('bot, waiting, agent (a person owns it), resolved or closed'),
  limit: z
    .string()
    .regex(/^[1-9][0-9]{0,2}$/)
    .optional()
    .describe(`threads per page (default ${SEARCH_PAGE_DEFAULT}, at most ${SEARCH_PAGE_MAX})`),
  after: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/)
    .optional()
    .describe('the `next` of the previous page'),
});

const hitSchema = z.object({
  key: z.string(),
  channel: z.string(),
  threadId: z.string(),
  state: z.enum(STATES),
  assignee: z.string().nullable(),
  author: z.string().nullable().describe("the latest customer mention's author"),
  priorityLevel: z.string().nullable(),
  topic: z.string().nullable(),
  language: z.string().nullable(),
  snippet: z.string().describe('the text around the first word found (mention, reply or note)'),
  updatedAt: z.number(),
});

/**
 * Search over every thread (open, resolved, closed, the bot's), and the counts of each view. The
 * index trails intake by a second at most; a search first indexes what is pending.
 */
export const searchRoutes: FastifyPluginAsyncZod<{ search: SearchStore; catchUp: () => Promise<void> }> = async (app, opts) => {
  app.get(
    '/api/search',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented(
          'Full-text search over mentions, replies and internal notes, with filters; newest activity first, a page at a time',
          'agent',
        ),
        querystring,
        response: { 200: z.object({ threads: z.array(hitSchema), next: z.string().nullable() }), 400: errorSchema, ...guardedResponses },
      },
    },
    async (request) => {
      const { q = '', limit, after, ...filters } = request.query;
      const terms = searchTokens(q, MAX_QUERY_TERMS);
      // Words made only of signs (no letter or digit) match nothing, rather than everything.
      if (q.trim() !== '' && terms.length === 0) return { threads: [], next: null };
      await opts.catchUp();
      const page = await opts.search.search({
        terms,
        ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
        limit: Math.min(Number(limit ?? SEARCH_PAGE_DEFAULT), SEARCH_PAGE_MAX),
        ...(after === undefined ? {} : { after: Number(after) }),
      });
      return {
        threads: page.hits.map((hit) => ({
          key: threadKey(hit.channel, hit.threadId),
          channel: hit.channel,
          threadId: hit.threadId,
          state: hit.state,
          assignee: hit.assignee,
          author: hit.author,
          priorityLevel: hit.facets.priority,
          topic: hit.facets.topic,
          language: hit.facets.language,
          snippet: searchSnippet(hit.body, q),
          updatedAt: hit.updatedAt,
        })),
        next: page.next === null ? null : String(page.next),
      };
    },
  );

  let counted: { at: number; counts: Promise<ViewCounts> } | undefined;
  app.get(
    '/api/views',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented('How many threads each view holds: by state, and the mentions the bot deliberately left unanswered', 'agent'),
        response: {
          200: z.object({
            counts: z.object({
              open: z.number(),
              waiting: z.number(),
              agent: z.number(),
              bot: z.number(),
              resolved: z.number(),
              closed: z.number(),
              noReply: z.number().describe('mentions decided to need no reply (a thanks, spam, noise)'),
            }),
          }),
          ...guardedResponses,
        },
      },
    },
    async () => {
      const at = Date.now();
      if (!counted || at - counted.at > COUNTS_MAX_AGE_MS) {
        const made = { at, counts: opts.search.counts() };
        counted = made;
        made.counts.catch(() => counted === made && (counted = undefined));
      }
      const c = await counted.counts;
      return { counts: { ...c, open: c.waiting + c.agent } };
    },
  );
};
