import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import { errorSchema, sendError } from '../../shared/http-errors.js';
import { requireRole } from '../access/require-role.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import type { ThreadActions } from '../thread-actions.js';
import { threadKey } from '../thread-key.js';
import { emptyBody } from './schemas.js';
import { previewText } from '../../shared/text-preview.js';

export interface NoReplyRouteOptions {
  handoff: HandoffStore;
  actions: ThreadActions;
}

export const NO_REPLY_PAGE_DEFAULT = 50;
export const NO_REPLY_PAGE_MAX = 200;

/** Which no-reply mentions a page lists: all, or those of one reason (bot/turn/no-reply.ts decides them). */
export const NO_REPLY_FILTERS = ['all', 'courtesy', 'spam', 'noise', 'chatter'] as const;

const MENTION_ID = /^[1-9][0-9]{0,15}$/;
/** A mention id the stores can hold: a positive safe integer. */
const mentionId = (raw: string) => {
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
};

const querystring = z.strictObject({
  limit: z
    .string()
    .regex(/^[1-9][0-9]{0,5}$/)
    .optional()
    .describe(`mentions per page (default ${NO_REPLY_PAGE_DEFAULT}, at most ${NO_REPLY_PAGE_MAX})`),
  after: z.string().regex(MENTION_ID).optional().describe('the `next` cursor of the previous page'),
  filter: z
    .enum(NO_REPLY_FILTERS)
    .optional()
    .describe('all (default), courtesy (thanks, praise), spam, noise or chatter (talk about the brand, small talk)'),
});

const handedOffSchema = z.object({ by: z.string(), at: z.number() }).nullable().describe('the agent who made it a handoff, and when');

const noReplySchema = z.object({
  id: z.number().describe('the mention id (for POST /api/no-reply/:id/handoff)'),
  key: z.string().describe('its thread key (GET /api/threads/:key)'),
  channel: z.string(),
  author: z.string(),
  text: z.string().describe('its start (at most 280 characters); the thread view has it whole'),
  textTruncated: z.boolean(),
  reason: z.string().describe('courtesy, spam, noise or chatter'),
  receivedAt: z.number(),
  permalink: z.string().nullable(),
  courtesy: z
    .object({ text: z.string(), status: z.string() })
    .nullable()
    .describe('the courtesy reply queued for it and its outbox status'),
  handedOff: handedOffSchema,
});

const pageSchema = z.object({
  mentions: z.array(noReplySchema),
  next: z.string().nullable().describe('pass as `after` for the next page; null on the last page'),
});

const handoffSchema = z.object({
  created: z.boolean().describe('false when an agent had already made it a handoff (nothing changed)'),
  key: z.string(),
  state: z.string().nullable().describe('the thread state now: waiting (in the queue), or agent when a person already had it'),
  handedOff: handedOffSchema,
});

/**
 * The mentions the bot decided need no reply (a thanks, spam, noise), newest first, a page at a time,
 * for agents to check the bot's judgement; and turning one into a handoff when it needed a person.
 */
export const noReplyRoutes: FastifyPluginAsyncZod<NoReplyRouteOptions> = async (app, opts) => {
  app.get(
    '/api/no-reply',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented(
          'Mentions decided to need no reply (courtesy, spam, noise, chatter), newest first, with the courtesy reply sent; a page at a time (follow `next`)',
          'agent',
        ),
        querystring,
        response: { 200: pageSchema, 400: errorSchema, ...guardedResponses },
      },
    },
    async (request, reply) => {
      const limit = Math.min(Number(request.query.limit ?? NO_REPLY_PAGE_DEFAULT), NO_REPLY_PAGE_MAX);
      const before = request.query.after === undefined ? undefined : mentionId(request.query.after);
      if (request.query.after !== undefined && before === undefined)
        return sendError(reply, 400, 'after: not a cursor from this list (use `next` of the previous page)');
      const filter = request.query.filter ?? 'all';
      // One more than asked for: whether there is a next page, without a count over every mention.
      const listed = await opts.handoff.listNoReply({
        limit: limit + 1,
        ...(before !== undefined ? { beforeId: before } : {}),
        ...(filter !== 'all' ? { reason: filter } : {}),
      });
      const page = listed.slice(0, limit);
      return {
        mentions: page.map(({ mention: m, reason, courtesy, handedOff }) => {
          const preview = previewText(m.text);
          return {
            id: m.id,
            key: threadKey(m.channel, m.threadId),
            channel: m.channel,
            author: m.author,
            text: preview.text,
            textTruncated: preview.truncated,
            reason,
            receivedAt: m.receivedAt,
            permalink: m.permalink ?? null,
            courtesy,
            handedOff,
          };
        }),
        next: listed.length > limit ? String(page.at(-1)!.mention.id) : null,
      };
    },
  );

  app.post(
    '/api/no-reply/:id/handoff',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented(
          'Turn a no-reply mention into a handoff: its thread goes to the queue (unless a person has it already). Idempotent: a second request changes nothing (created: false)',
          'agent',
        ),
        params: z.strictObject({ id: z.string().regex(MENTION_ID).describe('the mention id from GET /api/no-reply') }),
        body: emptyBody,
        response: { 200: handoffSchema, 400: errorSchema, 404: errorSchema, ...guardedResponses },
      },
    },
    async (request, reply) => {
      const id = mentionId(request.params.id);
      const result = id === undefined ? undefined : await opts.actions.handOffNoReply(id, request.user!);
      if (!result || result.outcome === 'not_found') return sendError(reply, 404, 'no such no-reply mention');
      return {
        created: result.outcome === 'handed_off',
        key: threadKey(result.channel, result.threadId),
        state: result.thread?.state ?? null,
        handedOff: result.handedOff,
      };
    },
  );
};
