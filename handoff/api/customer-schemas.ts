import { z } from 'zod';

/** Schemas of the customer panel's routes (customer-routes.ts), also the OpenAPI document's. */

// Authors are kept as platforms give them: any visible text, no control characters.
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

export const channelName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,31}$/)
  .describe('a channel name: sandbox, x, meta, mastodon, bluesky, botframework...');

export const authorName = z
  .string()
  .min(1)
  .max(256)
  .refine((s) => !CONTROL.test(s), 'no control characters')
  .describe('the handle or id as the platform shows it (as in the thread: @ann, @ann@mastodon.social)');

export const identitySchema = z.strictObject({ channel: channelName, author: authorName });

export const NOTES_MAX_CHARS = 4000;

export const customerSchema = z.object({
  id: z.string().nullable().describe('null until an agent links or notes this customer'),
  identities: z.array(identitySchema).describe('the identity asked about first, then those linked to it'),
  notes: z
    .object({ text: z.string(), by: z.string(), at: z.number(), version: z.number() })
    .nullable()
    .describe('kept across threads; send `version` back when saving'),
});

export const customerThreadSchema = z.object({
  key: z.string().describe('the thread key (GET /api/threads/:key)'),
  channel: z.string(),
  threadId: z.string(),
  state: z.string().describe('bot, waiting, agent, resolved or closed'),
  assignee: z.string().nullable(),
  author: z.string().nullable().describe("the author of the thread's latest customer post"),
  text: z.string().nullable().describe('the start of that post (at most 280 characters)'),
  textTruncated: z.boolean(),
  at: z.number().describe('when that post was received'),
  outcome: z.object({
    kind: z.enum([
      'waiting',
      'with_person',
      'brand_replied',
      'resolved',
      'closed',
      'answered',
      'courtesy',
      'no_reply',
      'handed_back',
      'pending',
    ]),
    label: z.string(),
  }),
});

export const customerViewSchema = z.object({
  customer: customerSchema,
  threads: z.array(customerThreadSchema).describe("the customer's threads on every linked identity, newest first"),
  total: z.number().describe('their threads in all (the list holds at most `limit`)'),
  channels: z.array(z.string()).describe("the channels to suggest when linking: this service's and the customer's"),
});
