import type { FastifyInstance } from 'fastify';
import { acceptMentions } from '../accept-mentions.js';
import type { ChannelContext } from '../channel.js';
import { answerDelivery, notADelivery } from '../delivery-items.js';
import { mentionsFromWebhook, type ThreadRootOf } from './x-events.js';
import { verifyXSignature, X_CRC_TOKEN, xCrcResponseToken } from './verify-x-signature.js';

export interface XWebhookOptions {
  ctx: ChannelContext;
  consumerSecret: string;
  brandUserId: string;
  rootOf: ThreadRootOf;
  /** Called with each newly accepted mention (to remember its thread root). */
  onAccepted(platformId: string, threadId: string): Promise<void>;
}

const crcSchema = {
  querystring: {
    type: 'object',
    required: ['crc_token'],
    // Only tokens shaped like X's: the answer signs the token, so it must never be a JSON body.
    properties: { crc_token: { type: 'string', pattern: X_CRC_TOKEN.source } },
  },
  response: { 200: { type: 'object', required: ['response_token'], properties: { response_token: { type: 'string' } } } },
} as const;

const errorSchema = { type: 'object', properties: { error: { type: 'string' }, message: { type: 'string' } } } as const;

const eventSchema = {
  headers: { type: 'object', properties: { 'x-twitter-webhooks-signature': { type: 'string' } } },
  response: {
    200: { type: 'object', properties: { accepted: { type: 'integer' }, duplicates: { type: 'integer' }, refused: { type: 'integer' } } },
    '4xx': errorSchema,
  },
} as const;

/** Account Activity API webhook: the CRC check (GET) and signed event deliveries (POST). */
export async function xWebhookRoutes(app: FastifyInstance, opts: XWebhookOptions) {
  const { ctx } = opts;
  // The signature covers the exact bytes X sent: keep the body raw in this scope and parse it ourselves.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.get<{ Querystring: { crc_token: string } }>('/webhooks/x', { schema: crcSchema }, async (req, reply) => {
    const token = xCrcResponseToken(opts.consumerSecret, req.query.crc_token);
    if (!token) return reply.code(400).send({ error: 'Bad Request', message: 'crc_token is not a CRC token' });
    return { response_token: token };
  });

  // No info lines per delivery on this hot route (thousands a second in a burst): the metrics count
  // them; warnings and errors are still logged, and each request at LOG_LEVEL=debug.
  const logLevel = ['debug', 'trace'].includes(app.log.level) ? (app.log.level as 'debug' | 'trace') : 'warn';
  app.post('/webhooks/x', { schema: eventSchema, logLevel }, async (req, reply) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = req.headers['x-twitter-webhooks-signature'];
    if (!verifyXSignature(opts.consumerSecret, raw, typeof signature === 'string' ? signature : undefined)) {
      ctx.log.warn({ ip: req.ip }, 'x webhook: bad or missing signature, refused');
      return reply.code(401).send({ error: 'Unauthorized', message: 'bad or missing x-twitter-webhooks-signature' });
    }
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      return reply.code(400).send({ error: 'Bad Request', message: 'body is not JSON' });
    }
    // Other event kinds (favorites, follows, DMs...) are acknowledged and ignored.
    const parsed = await mentionsFromWebhook(payload, opts.brandUserId, opts.rootOf);
    // Signed, but not shaped like a delivery (null, a number where a list belongs...): refused, not a crash.
    if (!parsed) return reply.code(400).send(notADelivery('an Account Activity delivery'));
    parsed.check.log(ctx.log, 'x webhook');
    const stored = await acceptMentions(ctx, parsed.mentions, (m) => opts.onAccepted(m.platformId, m.threadId));
    return answerDelivery(reply, parsed.check, stored);
  });
}
