/** JSON schemas shared by the agent API's routes (also the OpenAPI document's). */
export const errorSchema = { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] } as const;

export const keyParams = {
  type: 'object',
  required: ['key'],
  properties: { key: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,2800}$', description: 'the thread key from the queue' } },
} as const;

export const emptyBody = { type: 'object', additionalProperties: false, properties: {} } as const;

export const threadSummarySchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    key: { type: 'string' },
    channel: { type: 'string' },
    threadId: { type: 'string' },
    state: { type: 'string', enum: ['bot', 'waiting', 'agent', 'resolved', 'closed'] },
    assignee: { type: ['string', 'null'] },
    author: { type: ['string', 'null'] },
    lastText: { type: ['string', 'null'], description: 'the latest customer mention; in the queue, its start (at most 280 characters)' },
    lastTextTruncated: { type: 'boolean', description: 'queue only: lastText was cut (the thread view has it whole)' },
    priority: { type: 'number', description: 'the queue sort key (higher first): the level, then an upset customer, then a complaint' },
    priorityLevel: { type: 'string', enum: ['urgent', 'high', 'normal', 'low'], description: 'urgent: safety, data breach, legal threat; high: no service at all, money taken wrongly, repeated follow-up' },
    reasons: { type: 'array', items: { type: 'string' }, description: 'one plain label set, each once: why the priority ("Safety: burn injury"), the topic, the tone' },
    waitingMs: { type: 'number' },
    handoffAt: { type: ['number', 'null'] },
    replyFailure: {
      type: ['object', 'null'],
      description: 'the last reply given up in this thread and why; null once a person hands it back, resolves or closes it',
      properties: { reason: { type: 'string' }, at: { type: 'number' } },
    },
  },
} as const;

export const queuePageSchema = {
  type: 'object',
  properties: {
    threads: { type: 'array', items: threadSummarySchema },
    total: { type: 'number', description: 'threads this filter lists, on every page' },
    counts: {
      type: 'object',
      description: 'open threads by filter: all open, waiting for a person, claimed by the caller',
      properties: { open: { type: 'number' }, waiting: { type: 'number' }, mine: { type: 'number' } },
    },
    next: { type: ['string', 'null'], description: 'pass as `after` for the next page; null on the last page' },
  },
  required: ['threads', 'total', 'counts', 'next'],
} as const;
