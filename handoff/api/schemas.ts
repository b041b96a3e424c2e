import { z } from 'zod';

/** Schemas shared by the agent API's routes (also the OpenAPI document's). */
export const keyParams = z.object({
  key: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,2800}$/)
    .describe('the thread key from the queue'),
});

export const emptyBody = z.strictObject({});

export const threadSummarySchema = z
  .object({
    key: z.string(),
    channel: z.string(),
    threadId: z.string(),
    state: z.enum(['bot', 'waiting', 'agent', 'resolved', 'closed']),
    assignee: z.string().nullable(),
    author: z.string().nullable(),
    lastText: z.string().nullable().describe('the latest customer mention; in the queue, its start (at most 280 characters)'),
    lastTextTruncated: z.boolean().optional().describe('queue only: lastText was cut (the thread view has it whole)'),
    priority: z.number().describe('the queue sort key (higher first): the level, then an upset customer, then a complaint'),
    priorityLevel: z
      .enum(['urgent', 'high', 'normal', 'low'])
      .describe('urgent: safety, data breach, legal threat; high: no service at all, money taken wrongly, repeated follow-up'),
    reasons: z.array(z.string()).describe('one plain label set, each once: why the priority ("Safety: burn injury"), the topic, the tone'),
    language: z
      .string()
      .nullable()
      .optional()
      .describe("the language of the customer's latest mention (ISO 639-1) as the turn detected it; null when too short to tell"),
    waitingMs: z.number(),
    handoffAt: z.number().nullable(),
    replyFailure: z
      .object({ reason: z.string(), at: z.number() })
      .nullable()
      .optional()
      .describe('the last reply given up in this thread and why; null once a person hands it back, resolves or closes it'),
    customerRepliedAt: z
      .number()
      .nullable()
      .optional()
      .describe('the customer wrote again and no person has answered yet: since when (the next-reply SLA runs from it)'),
    team: z.string().nullable().optional().describe("queue only: the team whose queue the thread is in (null: no team's)"),
    unread: z.boolean().optional().describe('a customer mention came after the owner last read the thread (POST /api/threads/:key/read)'),
    sla: z
      .object({
        targetMs: z.number(),
        elapsedMs: z.number(),
        remainingMs: z.number(),
        state: z.enum(['ok', 'warning', 'breached']),
        kind: z.enum(['first', 'next']).describe("first: a person's first reply after the handoff; next: the reply to a follow-up"),
      })
      .nullable()
      .optional(),
  })
  .loose();

export const queuePageSchema = z.object({
  threads: z.array(threadSummarySchema),
  total: z.number().describe('threads this filter lists, on every page'),
  counts: z
    .object({ open: z.number(), waiting: z.number(), mine: z.number(), replied: z.number() })
    .loose()
    .describe('open threads by filter: all open, waiting for a person, claimed by the caller, customer replied (unanswered follow-up)'),
  next: z.string().nullable().describe('pass as `after` for the next page; null on the last page'),
});

export const threadViewSchema = z.object({
  thread: threadSummarySchema,
  transcript: z
    .array(z.unknown())
    .describe(
      'the conversation as the customer sees it, oldest first; a reply not sent has its status and, when known, the reason (the platform answer)',
    ),
  events: z.array(z.unknown()).describe('every ownership event, oldest first'),
  canHide: z
    .boolean()
    .optional()
    .describe("whether customers' comments here can be hidden from the console (Facebook Page and Instagram comments)"),
});
