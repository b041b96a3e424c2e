import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import { errorSchema, sendError } from '../../shared/http-errors.js';
import { requireRole } from '../access/require-role.js';
import { decodeCursor, encodeCursor } from '../queue-order.js';
import { QUEUE_FILTERS, type QueueFilter } from './queue-views.js';
import type { createQueueListing } from './queue-listing.js';
import { queuePageSchema } from './schemas.js';
import { previewText } from '../../shared/text-preview.js';
import { taggedKey, type HandoffStore } from '../../store/handoff-store.js';
import type { ThreadSummary } from '../thread-summary.js';
import type { TeamCut } from '../../store/queue-index.js';

export interface QueueRouteOptions {
  listing: ReturnType<typeof createQueueListing>;
  /** The tags of a page's threads, shown in their rows. */
  tags?: Pick<HandoffStore, 'threadTags'>;
  /** Teams: each thread's, and the caller's (their queues are the default view). */
  teams?: Pick<HandoffStore, 'threadTeams' | 'listTeams'>;
}

export const QUEUE_PAGE_DEFAULT = 50;
export const QUEUE_PAGE_MAX = 200;

const querystring = z.strictObject({
  limit: z
    .string()
    .regex(/^[1-9][0-9]{0,5}$/)
    .optional()
    .describe(`threads per page (default ${QUEUE_PAGE_DEFAULT}, at most ${QUEUE_PAGE_MAX})`),
  after: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,4000}$/)
    .optional()
    .describe('the `next` cursor of the previous page'),
  filter: z
    .enum(Object.keys(QUEUE_FILTERS) as [QueueFilter, ...QueueFilter[]])
    .optional()
    .describe('open (default), waiting, mine (claimed by the caller), or replied (the customer wrote again, unanswered)'),
  team: z
    .string()
    .regex(/^(?:[a-z0-9][a-z0-9_-]{0,39})$/)
    .optional()
    .describe("one team's queue, or all; default: the caller's teams' queues and threads in no team (all when the caller is in none)"),
});

/**
 * The queue: threads waiting for a person or owned by one, highest priority first, a page at a time.
 * A page carries the start of each latest mention (the thread view has it whole) and a cursor to
 * the next page: the position of its last thread, so paging holds while threads move.
 */
export const queueRoutes: FastifyPluginAsyncZod<QueueRouteOptions> = async (app, opts) => {
  /**
   * The team queues a request is cut to: the team asked for, or by default the caller's teams and
   * threads in no team; none (every thread) for `all`, or when the caller is in no team.
   */
  async function teamCut(team: string | undefined, me: string): Promise<TeamCut | undefined> {
    if (!opts.teams || team === 'all') return undefined;
    if (team) return { teams: [team], noTeam: false };
    const mine = (await opts.teams.listTeams()).filter((t) => t.members.includes(me)).map((t) => t.name);
    return mine.length > 0 ? { teams: mine, noTeam: true } : undefined;
  }

  /** A page's threads as the console reads them: the start of the latest text, tags and team. */
  async function rows(shown: ThreadSummary[]) {
    const tags = (await opts.tags?.threadTags(shown)) ?? new Map<string, string[]>();
    const teams = (await opts.teams?.threadTeams(shown)) ?? new Map<string, string>();
    return shown.map(({ lastText, ...summary }) => {
      const preview = lastText === null ? null : previewText(lastText);
      const tagged = { ...summary, tags: tags.get(taggedKey(summary)) ?? [], team: teams.get(taggedKey(summary)) ?? null };
      return { ...tagged, lastText: preview?.text ?? null, lastTextTruncated: preview?.truncated ?? false };
    });
  }

  app.get(
    '/api/queue',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented(
          'Open threads (waiting, agent), by urgency, negative sentiment, complaint, then time waiting; a page at a time (follow `next`), with the counts',
          'agent',
        ),
        querystring,
        response: { 200: queuePageSchema, 400: errorSchema, ...guardedResponses },
      },
    },
    async (request, reply) => {
      const limit = Math.min(Number(request.query.limit ?? QUEUE_PAGE_DEFAULT), QUEUE_PAGE_MAX);
      const after = request.query.after === undefined ? undefined : decodeCursor(request.query.after);
      if (request.query.after !== undefined && !after)
        return sendError(reply, 400, 'after: not a cursor from this queue (use `next` of the previous page)');
      const me = request.user!.name;
      const filter = request.query.filter ?? 'open';
      const teams = await teamCut(request.query.team, me);
      const { pages } = opts.listing;
      const [counts, page] = await Promise.all([pages.counts(me), pages.page({ view: filter, me, after, limit, teams })]);
      return {
        threads: await rows(page.threads),
        total: page.total ?? counts[filter],
        counts,
        next: page.next && encodeCursor(page.next),
      };
    },
  );
};
