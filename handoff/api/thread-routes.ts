import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import { errorResponses, sendError } from '../../shared/http-errors.js';
import { requireRole } from '../access/require-role.js';
import type { HandoffStore, HandoffThread } from '../../store/handoff-store.js';
import type { ThreadActions } from '../thread-actions.js';
import { parseThreadKey } from '../thread-key.js';
import type { ThreadAction } from '../../store/thread-state.js';
import { summarizeThread, type SummaryContext } from '../thread-summary.js';
import { buildTranscript, latestCustomerMention } from '../transcript.js';
import { emptyBody, keyParams, threadViewSchema } from './schemas.js';
import { unansweredMention } from './unanswered-mention.js';
import type { LearnFromReplies } from '../learning/learn-from-replies.js';
import { entryIdSchema } from '../learning/suggestion-schemas.js';

export interface ThreadRouteOptions {
  handoff: HandoffStore;
  actions: ThreadActions;
  summaryContext: () => SummaryContext;
  brandHandles: readonly string[];
  /** Records the mention a reply answered with an entry as a candidate example of it (issue 19). */
  learn?: LearnFromReplies;
  /** Whether comments on a channel can be hidden from the console (moderation). */
  canHide?: (channel: string) => boolean;
}

const ACTIONS: { path: string; action: Exclude<ThreadAction, 'idle_release'>; summary: string }[] = [
  {
    path: 'claim',
    action: 'claim',
    summary: 'Take the thread: the bot stays quiet there. Atomic: of concurrent claims exactly one wins, the others get 409',
  },
  { path: 'release', action: 'release', summary: 'Give the thread back to the queue (owner)' },
  {
    path: 'hand-back',
    action: 'hand_back',
    summary: 'Give the thread back to the bot (owner); 409 with `unanswered` while a follow-up waits, unless confirm: true',
  },
  {
    path: 'resolve',
    action: 'resolve',
    summary:
      'Mark the thread resolved (owner; any agent when no person owns it); with close: true, close it. 409 with `unanswered` while a follow-up waits, unless confirm: true',
  },
  { path: 'close', action: 'close', summary: 'Close the thread for good (owner; any agent when no person owns it); confirm as resolve' },
  {
    path: 'reassign',
    action: 'reassign',
    summary:
      'Give the thread to another agent (owner or admin); 409 with `overCap` past their workload cap, unless an admin sends overCap: true',
  },
];

/** Reading one thread, and the actions people take on it. */
export const threadRoutes: FastifyPluginAsyncZod<ThreadRouteOptions> = async (app, opts) => {
  const ref = (key: string, reply: FastifyReply) => {
    const parsed = parseThreadKey(key);
    if (!parsed) sendError(reply, 404, 'no such thread');
    return parsed;
  };
  const view = async (thread: HandoffThread) => {
    const ctx = opts.summaryContext();
    const t = await opts.handoff.transcript(thread.channel, thread.threadId);
    const { rank: _rank, ...summary } = summarizeThread(thread, latestCustomerMention(t), ctx);
    return {
      thread: summary,
      transcript: buildTranscript(t, opts.brandHandles),
      events: t.events,
      canHide: opts.canHide?.(thread.channel) ?? false,
    };
  };

  app.get(
    '/api/threads/:key',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented(
          "A thread: its summary, the conversation as the customer sees it, the bot's understanding and every ownership event",
          'agent',
        ),
        params: keyParams,
        response: { 200: threadViewSchema, ...errorResponses(400, 404), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const r = ref(request.params.key, reply);
      if (!r) return reply;
      const thread = await opts.handoff.getThread(r.channel, r.threadId);
      if (!thread) return sendError(reply, 404, 'no such thread');
      return view(thread);
    },
  );

  for (const { path, action, summary } of ACTIONS) {
    const confirm = z.boolean().optional().describe("leave a customer's unanswered follow-up unanswered (else 409 with `unanswered`)");
    const body: z.ZodType<{ to?: string; close?: boolean; confirm?: boolean; overCap?: boolean } | undefined> =
      action === 'reassign'
        ? z.strictObject({
            to: z.string().min(1).max(64),
            overCap: z.boolean().optional().describe("assign past the agent's workload cap (admins only; recorded on the event)"),
          })
        : action === 'resolve'
          ? z.strictObject({ close: z.boolean().optional(), confirm })
          : action === 'hand_back' || action === 'close'
            ? z.strictObject({ confirm })
            : emptyBody;
    app.post(
      `/api/threads/:key/${path}`,
      {
        preHandler: requireRole('agent'),
        schema: {
          ...documented(summary, 'agent'),
          params: keyParams,
          body,
          response: { 200: threadViewSchema, ...errorResponses(400, 404, 409), ...guardedResponses },
        },
      },
      async (request, reply) => {
        const r = ref(request.params.key, reply);
        if (!r) return reply;
        const user = request.user!;
        const options = {
          ...(request.body?.to ? { to: request.body.to } : {}),
          ...(request.body?.confirm ? { confirm: true } : {}),
          ...(request.body?.overCap ? { overCap: true } : {}),
        };
        let result = await opts.actions.perform(action, r, user, options);
        if (result.ok && action === 'resolve' && request.body?.close) result = await opts.actions.perform('close', r, user, options);
        if (!result.thread) return sendError(reply, 404, 'no such thread');
        if (!result.ok)
          return sendError(reply, 409, result.error ?? 'refused', {
            thread: result.thread,
            ...(result.unanswered ? { unanswered: await unansweredMention(opts.handoff, result.thread) } : {}),
            ...(result.overCap ? { overCap: true } : {}),
          });
        return view(result.thread);
      },
    );
  }

  app.post(
    '/api/threads/:key/reply',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented(
          "Reply in the platform thread as the brand (owner): split to the channel's limit, queued in the outbox, sent once",
          'agent',
        ),
        params: keyParams,
        body: z.strictObject({
          text: z.string().min(1).max(10_000).regex(/\S/),
          requestId: z
            .string()
            .regex(/^[A-Za-z0-9_-]{1,64}$/)
            .optional()
            .describe('the same id twice queues the reply once (a double click, a retried request)'),
          entryId: entryIdSchema
            .optional()
            .describe(
              "the entry whose reply this is (suggested or picked, sent as it is or edited): the customer's post becomes a candidate example of it",
            ),
        }),
        response: {
          202: z.object({ reply: z.object({ parts: z.array(z.string()) }) }),
          ...errorResponses(400, 404, 409),
          ...guardedResponses,
        },
      },
    },
    async (request, reply) => {
      const r = ref(request.params.key, reply);
      if (!r) return reply;
      const { entryId } = request.body;
      if (entryId !== undefined && !opts.learn?.hasEntry(entryId)) return sendError(reply, 400, `no entry "${entryId}" in the live file`);
      const result = await opts.actions.reply(r, request.user!, request.body.text, request.body.requestId ?? randomUUID());
      if (!result.ok) return sendError(reply, result.thread ? 409 : 404, result.error ?? 'refused');
      // The reply is queued whatever happens here: a candidate not recorded is a lost example, not a lost reply.
      if (entryId !== undefined)
        await opts.learn
          ?.record(r, request.user!.name, entryId, 'example')
          .catch((err: unknown) => request.log.error({ err }, 'could not record a candidate example'));
      return reply.code(202).send({ reply: { parts: result.parts } });
    },
  );
};
