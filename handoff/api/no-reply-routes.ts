import type { FastifyInstance } from 'fastify';
import { requireRole } from '../access/require-role.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import type { ThreadActions } from '../thread-actions.js';
import { threadKey } from '../thread-key.js';
import { emptyBody, errorSchema } from './schemas.js';
import { previewText } from '../../shared/text-preview.js';

export interface NoReplyRouteOptions {
  handoff: HandoffStore;
  actions: ThreadActions;
}

export const NO_REPLY_PAGE_DEFAULT = 50;
export const NO_REPLY_PAGE_MAX = 200;

/** Which no-reply mentions a page lists: all, or those of one reason (bot/turn/no-reply.ts decides them). */
export const NO_REPLY_FILTERS = ['all', 'courtesy', 'spam', 'noise'] as const;
type Filter = (typeof NO_REPLY_FILTERS)[number];

const MENTION_ID = '^[1-9][0-9]{0,15}$';
/** A mention id the stores can hold: a positive safe integer. */
const mentionId = (raw: string) => {
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
};

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'string', pattern: '^[1-9][0-9]{0,5}$', description: `mentions per page (default ${NO_REPLY_PAGE_DEFAULT}, at most ${NO_REPLY_PAGE_MAX})` },
    after: { type: 'string', pattern: MENTION_ID, description: 'the `next` cursor of the previous page' },
    filter: { type: 'string', enum: [...NO_REPLY_FILTERS], description: 'all (default), courtesy (thanks, praise), spam or noise' },
  },
} as const;

const handedOffSchema = { type: ['object', 'null'], properties: { by: { type: 'string' }, at: { type: 'number' } }, description: 'the agent who made it a handoff, and when' } as const;

const noReplySchema = {
  type: 'object',
  properties: {
    id: { type: 'number', description: 'the mention id (for POST /api/no-reply/:id/handoff)' },
    key: { type: 'string', description: 'its thread key (GET /api/threads/:key)' },
    channel: { type: 'string' },
    author: { type: 'string' },
    text: { type: 'string', description: 'its start (at most 280 characters); the thread view has it whole' },
    textTruncated: { type: 'boolean' },
    reason: { type: 'string', description: 'courtesy, spam or noise' },
    receivedAt: { type: 'number' },
    permalink: { type: ['string', 'null'] },
    courtesy: { type: ['object', 'null'], properties: { text: { type: 'string' }, status: { type: 'string' } }, description: 'the courtesy reply queued for it and its outbox status' },
    handedOff: handedOffSchema,
  },
  required: ['id', 'key', 'channel', 'author', 'text', 'textTruncated', 'reason', 'receivedAt', 'permalink', 'courtesy', 'handedOff'],
} as const;

const pageSchema = {
  type: 'object',
  properties: {
    mentions: { type: 'array', items: noReplySchema },
    next: { type: ['string', 'null'], description: 'pass as `after` for the next page; null on the last page' },
  },
  required: ['mentions', 'next'],
} as const;

const handoffSchema = {
  type: 'object',
  properties: {
    created: { type: 'boolean', description: 'false when an agent had already made it a handoff (nothing changed)' },
    key: { type: 'string' },
    state: { type: ['string', 'null'], description: 'the thread state now: waiting (in the queue), or agent when a person already had it' },
    handedOff: handedOffSchema,
  },
  required: ['created', 'key', 'state', 'handedOff'],
} as const;

/**
 * The mentions the bot decided need no reply (a thanks, spam, noise), newest first, a page at a time,
 * for agents to check the bot's judgement; and turning one into a handoff when it needed a person.
 */
export async function noReplyRoutes(app: FastifyInstance, opts: NoReplyRouteOptions) {
  app.get<{ Querystring: { limit?: string; after?: string; filter?: Filter } }>(
    '/api/no-reply',
    {
      preHandler: requireRole('agent'),
      config: { openapi: { summary: 'Mentions decided to need no reply (courtesy, spam, noise), newest first, with the courtesy reply sent; a page at a time (follow `next`)', role: 'agent' } },
      schema: { querystring, response: { 200: pageSchema, 400: errorSchema } },
    },
    async (request, reply) => {
      const limit = Math.min(Number(request.query.limit ?? NO_REPLY_PAGE_DEFAULT), NO_REPLY_PAGE_MAX);
      const before = request.query.after === undefined ? undefined : mentionId(request.query.after);
      if (request.query.after !== undefined && before === undefined) return reply.code(400).send({ error: 'after: not a cursor from this list (use `next` of the previous page)' });
      const filter = request.query.filter ?? 'all';
      // One more than asked for: whether there is a next page, without a count over every mention.
      const listed = await opts.handoff.listNoReply({ limit: limit + 1, ...(before !== undefined ? { beforeId: before } : {}), ...(filter !== 'all' ? { reason: filter } : {}) });
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

  app.post<{ Params: { id: string } }>(
    '/api/no-reply/:id/handoff',
    {
      preHandler: requireRole('agent'),
      config: { openapi: { summary: 'Turn a no-reply mention into a handoff: its thread goes to the queue (unless a person has it already). Idempotent: a second request changes nothing (created: false)', role: 'agent' } },
      schema: {
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: MENTION_ID, description: 'the mention id from GET /api/no-reply' } } },
        body: emptyBody,
        response: { 200: handoffSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const id = mentionId(request.params.id);
      const result = id === undefined ? undefined : await opts.actions.handOffNoReply(id, request.user!);
      if (!result || result.outcome === 'not_found') return reply.code(404).send({ error: 'no such no-reply mention' });
      return { created: result.outcome === 'handed_off', key: threadKey(result.channel, result.threadId), state: result.thread?.state ?? null, handedOff: result.handedOff };
    },
  );
}
