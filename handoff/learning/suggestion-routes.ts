import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fitToChannel } from '../../shared/fit-to-channel.js';
import { errorResponses, sendError } from '../../shared/http-errors.js';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import { stripInvisible } from '../../shared/strip-invisible.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import { requireRole } from '../access/require-role.js';
import { keyParams } from '../api/schemas.js';
import type { ChannelPosts } from '../service-parts.js';
import { parseThreadKey } from '../thread-key.js';
import { latestCustomerMention } from '../transcript.js';
import { botWhy } from './bot-why.js';
import type { LearnFromReplies } from './learn-from-replies.js';
import { entryIdSchema, suggestionsSchema, type SuggestedReplies } from './suggestion-schemas.js';

export interface SuggestionRouteOptions {
  handoff: HandoffStore;
  learn: LearnFromReplies;
  channels: ReadonlyMap<string, ChannelPosts>;
  /** The service's composer (bot/turn/suggest-replies.ts): ranking, tone and the author's name as the turn does. */
  suggest(mention: { channel: string; author: string; text: string; at: Date }, limit: number): Promise<SuggestedReplies>;
  now: () => number;
}

/** Suggestions shown per thread. */
const SUGGESTED = 3;

/** Suggested replies for a handed-off thread, and an agent's "this suggestion is wrong" (issue 19). */
export const suggestionRoutes: FastifyPluginAsyncZod<SuggestionRouteOptions> = async (app, opts) => {
  app.get(
    '/api/threads/:key/suggestions',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented(
          "The best matching active entries for the thread's latest customer post (up to 3, with their confidence) and every active entry, each with the exact reply it would post on the thread's channel; and why the bot did not answer the post itself",
          'agent',
        ),
        params: keyParams,
        response: { 200: suggestionsSchema, ...errorResponses(400, 404), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const ref = parseThreadKey(request.params.key);
      const thread = ref && (await opts.handoff.getThread(ref.channel, ref.threadId));
      if (!ref || !thread) return sendError(reply, 404, 'no such thread');
      const mention = latestCustomerMention(await opts.handoff.transcript(ref.channel, ref.threadId));
      if (!mention) return { mentionId: null, botWhy: null, suggestions: [], entries: [] };
      const found = await opts.suggest(
        { channel: ref.channel, author: mention.author, text: stripInvisible(mention.text), at: new Date(opts.now()) },
        SUGGESTED,
      );
      const limits = opts.channels.get(ref.channel)?.limits;
      const parts = (text: string) => (limits ? fitToChannel(text, limits) : [stripInvisible(text)]);
      return {
        mentionId: mention.id,
        botWhy: botWhy(mention.decision),
        suggestions: found.suggestions.map((s) => ({ ...s, parts: parts(s.reply) })),
        entries: found.entries.map((e) => ({ ...e, parts: parts(e.reply) })),
      };
    },
  );

  app.post(
    '/api/threads/:key/suggestions/wrong',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented(
          "Marks an entry's suggestion wrong for the thread's latest customer post: it becomes a candidate negative example of the entry, for editors to review",
          'agent',
        ),
        params: keyParams,
        body: z.strictObject({ entryId: entryIdSchema }),
        response: { 200: z.object({ recorded: z.boolean() }), ...errorResponses(400, 404), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const ref = parseThreadKey(request.params.key);
      if (!ref || !(await opts.handoff.getThread(ref.channel, ref.threadId))) return sendError(reply, 404, 'no such thread');
      if (!opts.learn.hasEntry(request.body.entryId)) return sendError(reply, 404, `no entry "${request.body.entryId}" in the live file`);
      const recorded = await opts.learn.record(ref, request.user!.name, request.body.entryId, 'negative');
      return { recorded: recorded !== undefined };
    },
  );
};
