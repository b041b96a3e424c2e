import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import { errorResponses, sendError } from '../../shared/http-errors.js';
import { previewText } from '../../shared/text-preview.js';
import { stripInvisible } from '../../shared/strip-invisible.js';
import { requireRole } from '../access/require-role.js';
import type { Customer, CustomerIdentity, HandoffStore } from '../../store/handoff-store.js';
import { threadOutcome } from '../customer-outcome.js';
import { threadKey } from '../thread-key.js';
import { authorName, channelName, customerSchema, customerViewSchema, identitySchema, NOTES_MAX_CHARS } from './customer-schemas.js';

export interface CustomerRouteOptions {
  handoff: HandoffStore;
  /** The channels this service runs: suggested when linking an identity (any channel with posts can be linked). */
  channels: () => readonly string[];
  now: () => number;
}

export const CUSTOMER_THREADS_DEFAULT = 20;
export const CUSTOMER_THREADS_MAX = 100;

const params = z.object({ channel: channelName, author: authorName });
const limitQuery = z.strictObject({
  limit: z
    .string()
    .regex(/^[1-9][0-9]{0,2}$/)
    .optional()
    .describe(`threads listed (default ${CUSTOMER_THREADS_DEFAULT}, at most ${CUSTOMER_THREADS_MAX})`),
});

/**
 * One view of the customer: their threads on every identity an agent linked, newest first, with how
 * each went; linking identities across channels (and undoing a link); the customer's notes.
 */
export const customerRoutes: FastifyPluginAsyncZod<CustomerRouteOptions> = async (app, opts) => {
  const view = async (customer: Customer, limit: number) => {
    const { threads, total } = await opts.handoff.customerThreads(customer.identities, limit);
    return {
      customer,
      threads: threads.map((listed) => {
        const { thread, latest } = listed;
        const preview = latest ? previewText(latest.text) : null;
        return {
          key: threadKey(thread.channel, thread.threadId),
          channel: thread.channel,
          threadId: thread.threadId,
          state: thread.state,
          assignee: thread.assignee,
          author: latest?.author ?? null,
          text: preview?.text ?? null,
          textTruncated: preview?.truncated ?? false,
          at: latest?.receivedAt ?? thread.updatedAt,
          outcome: threadOutcome(listed),
        };
      }),
      total,
      channels: [...new Set([...opts.channels(), ...customer.identities.map((i) => i.channel)])].sort(),
    };
  };
  /** Whether the identity ever posted here: a link to a mistyped handle is refused. */
  const known = async (identity: CustomerIdentity) => (await opts.handoff.customerThreads([identity], 1)).total > 0;

  app.get(
    '/api/customers/:channel/:author',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented(
          "A customer: their identities, notes and threads on every linked identity, newest first, with each thread's outcome",
          'agent',
        ),
        params,
        querystring: limitQuery,
        response: { 200: customerViewSchema, ...errorResponses(400), ...guardedResponses },
      },
    },
    async (request) => {
      const limit = Math.min(Number(request.query.limit ?? CUSTOMER_THREADS_DEFAULT), CUSTOMER_THREADS_MAX);
      return view(await opts.handoff.customer(request.params), limit);
    },
  );

  app.post(
    '/api/customers/link',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented('Link two identities as one customer (links are transitive: their customers become one, notes joined)', 'agent'),
        body: z.strictObject({ identity: identitySchema, with: identitySchema }),
        response: { 200: customerViewSchema, ...errorResponses(400, 404), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const { identity, with: other } = request.body;
      if (identity.channel === other.channel && identity.author === other.author)
        return sendError(reply, 400, 'an identity cannot be linked to itself');
      for (const i of [identity, other])
        if (!(await known(i))) return sendError(reply, 404, `no posts from ${i.author} on ${i.channel}: check the handle`);
      const customer = await opts.handoff.linkIdentities({ a: identity, b: other, actor: request.user!.name, now: opts.now() });
      request.log.info({ by: request.user!.name, customer: customer.id }, 'identities linked');
      return view(customer, CUSTOMER_THREADS_DEFAULT);
    },
  );

  app.post(
    '/api/customers/unlink',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented("Undo an identity's link: it is a customer of its own again (the notes stay with the others)", 'agent'),
        body: z.strictObject({ identity: identitySchema }),
        response: { 200: customerViewSchema, ...errorResponses(400), ...guardedResponses },
      },
    },
    async (request) => {
      const customer = await opts.handoff.unlinkIdentity(request.body.identity);
      request.log.info({ by: request.user!.name }, 'identity unlinked');
      return view(customer, CUSTOMER_THREADS_DEFAULT);
    },
  );

  app.put(
    '/api/customers/:channel/:author/notes',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented(
          "Save the customer's notes (kept across threads and linked identities); 409 when someone saved since `version`",
          'agent',
        ),
        params,
        body: z.strictObject({
          text: z.string().max(NOTES_MAX_CHARS),
          version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe('the notes version read (0 when there were none)'),
        }),
        response: { 200: z.object({ customer: customerSchema }), ...errorResponses(400, 409), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const saved = await opts.handoff.saveCustomerNotes({
        identity: request.params,
        // Kept as every page shows it: no invisible or reordering characters hidden in the notes.
        text: stripInvisible(request.body.text),
        ifVersion: request.body.version,
        actor: request.user!.name,
        now: opts.now(),
      });
      if (!saved.ok)
        return sendError(reply, 409, `${saved.customer.notes?.by ?? 'someone'} changed these notes meanwhile: reload them`, {
          customer: saved.customer,
        });
      return { customer: saved.customer };
    },
  );
};
