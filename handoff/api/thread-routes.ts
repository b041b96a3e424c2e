import type { FastifyInstance, FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { requireRole } from '../access/require-role.js';
import type { HandoffStore, HandoffThread } from '../../store/handoff-store.js';
import type { ThreadActions } from '../thread-actions.js';
import { parseThreadKey } from '../thread-key.js';
import type { ThreadAction } from '../../store/thread-state.js';
import { summarizeThread, type SummaryContext } from '../thread-summary.js';
import { buildTranscript, latestCustomerMention } from '../transcript.js';
import { emptyBody, errorSchema, keyParams } from './schemas.js';

export interface ThreadRouteOptions {
  handoff: HandoffStore;
  actions: ThreadActions;
  summaryContext: () => SummaryContext;
  brandHandles: readonly string[];
}

type KeyRequest = { Params: { key: string } };

const ACTIONS: { path: string; action: Exclude<ThreadAction, 'idle_release'>; summary: string }[] = [
  { path: 'claim', action: 'claim', summary: 'Take the thread: the bot stays quiet there. Atomic: of concurrent claims exactly one wins, the others get 409' },
  { path: 'release', action: 'release', summary: 'Give the thread back to the queue (owner)' },
  { path: 'hand-back', action: 'hand_back', summary: 'Give the thread back to the bot (owner)' },
  { path: 'resolve', action: 'resolve', summary: 'Mark the thread resolved (owner); with close: true, close it' },
  { path: 'reassign', action: 'reassign', summary: 'Give the thread to another agent (owner or admin)' },
];

/** Reading one thread, and the actions people take on it. */
export async function threadRoutes(app: FastifyInstance, opts: ThreadRouteOptions) {
  const ref = (key: string, reply: FastifyReply) => {
    const parsed = parseThreadKey(key);
    if (!parsed) reply.code(404).send({ error: 'no such thread' });
    return parsed;
  };
  const view = async (thread: HandoffThread) => {
    const ctx = opts.summaryContext();
    const t = await opts.handoff.transcript(thread.channel, thread.threadId);
    const { rank: _rank, ...summary } = summarizeThread(thread, latestCustomerMention(t), ctx);
    return { thread: summary, transcript: buildTranscript(t, opts.brandHandles), events: t.events };
  };

  app.get<KeyRequest>(
    '/api/threads/:key',
    { preHandler: requireRole('agent'), config: { openapi: { summary: 'A thread: its summary, the conversation as the customer sees it, the bot\'s understanding and every ownership event', role: 'agent' } }, schema: { params: keyParams, response: { 404: errorSchema } } },
    async (request, reply) => {
      const r = ref(request.params.key, reply);
      if (!r) return reply;
      const thread = await opts.handoff.getThread(r.channel, r.threadId);
      if (!thread) return reply.code(404).send({ error: 'no such thread' });
      return view(thread);
    },
  );

  for (const { path, action, summary } of ACTIONS) {
    const body =
      action === 'reassign'
        ? { type: 'object', required: ['to'], additionalProperties: false, properties: { to: { type: 'string', minLength: 1, maxLength: 64 } } }
        : action === 'resolve'
          ? { type: 'object', additionalProperties: false, properties: { close: { type: 'boolean' } } }
          : emptyBody;
    app.post<KeyRequest & { Body: { to?: string; close?: boolean } }>(
      `/api/threads/:key/${path}`,
      { preHandler: requireRole('agent'), config: { openapi: { summary, role: 'agent' } }, schema: { params: keyParams, body, response: { 404: errorSchema, 409: errorSchema } } },
      async (request, reply) => {
        const r = ref(request.params.key, reply);
        if (!r) return reply;
        const user = request.user!;
        let result = await opts.actions.perform(action, r, user, request.body?.to ? { to: request.body.to } : {});
        if (result.ok && action === 'resolve' && request.body?.close) result = await opts.actions.perform('close', r, user);
        if (!result.thread) return reply.code(404).send({ error: 'no such thread' });
        if (!result.ok) return reply.code(409).send({ error: result.error ?? 'refused', thread: result.thread });
        return view(result.thread);
      },
    );
  }

  app.post<KeyRequest & { Body: { text: string; requestId?: string } }>(
    '/api/threads/:key/reply',
    {
      preHandler: requireRole('agent'),
      config: { openapi: { summary: 'Reply in the platform thread as the brand (owner): split to the channel\'s limit, queued in the outbox, sent once', role: 'agent' } },
      schema: {
        params: keyParams,
        body: {
          type: 'object',
          required: ['text'],
          additionalProperties: false,
          properties: {
            text: { type: 'string', minLength: 1, maxLength: 10_000, pattern: '\\S' },
            requestId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'the same id twice queues the reply once (a double click, a retried request)' },
          },
        },
        response: { 404: errorSchema, 409: errorSchema },
      },
    },
    async (request, reply) => {
      const r = ref(request.params.key, reply);
      if (!r) return reply;
      const result = await opts.actions.reply(r, request.user!, request.body.text, request.body.requestId ?? randomUUID());
      if (!result.ok) return reply.code(result.thread ? 409 : 404).send({ error: result.error ?? 'refused' });
      return reply.code(202).send({ reply: { parts: result.parts } });
    },
  );
}
