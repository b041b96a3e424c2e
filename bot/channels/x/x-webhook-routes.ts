import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documented } from '../../../shared/route-docs.js';
import { errorSchema, sendError } from '../../../shared/http-errors.js';
import { acceptMentions } from '../accept-mentions.js';
import type { ChannelContext } from '../channel.js';
import { answerDelivery, deliverySchema, notADelivery } from '../delivery-items.js';
import { answerWithPlainJson } from '../plain-json-answers.js';
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
  ...documented('X Account Activity API: the CRC check'),
  // Only tokens shaped like X's: the answer signs the token, so it must never be a JSON body.
  querystring: z.object({ crc_token: z.string().regex(X_CRC_TOKEN) }),
  response: { 200: z.object({ response_token: z.string() }), '4xx': errorSchema },
};

const eventSchema = {
  ...documented('X Account Activity API: a signed event delivery (the mentions in it are stored before the answer)'),
  headers: z.object({ 'x-twitter-webhooks-signature': z.string().optional() }),
  response: { 200: deliverySchema, '4xx': errorSchema },
};

/** Account Activity API webhook: the CRC check (GET) and signed event deliveries (POST). */
export const xWebhookRoutes: FastifyPluginAsyncZod<XWebhookOptions> = async (app, opts) => {
  const { ctx } = opts;
  // The signature covers the exact bytes X sent: keep the body raw in this scope and parse it ourselves.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  answerWithPlainJson(app);

  app.get('/webhooks/x', { schema: crcSchema }, async (req, reply) => {
    const token = xCrcResponseToken(opts.consumerSecret, req.query.crc_token);
    if (!token) return sendError(reply, 400, 'crc_token is not a CRC token');
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
      return sendError(reply, 401, 'bad or missing x-twitter-webhooks-signature');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      return sendError(reply, 400, 'body is not JSON');
    }
    // Other event kinds (favorites, follows, DMs...) are acknowledged and ignored.
    const parsed = await mentionsFromWebhook(payload, opts.brandUserId, opts.rootOf);
    // Signed, but not shaped like a delivery (null, a number where a list belongs...): refused, not a crash.
    if (!parsed) return reply.code(400).send(notADelivery('an Account Activity delivery'));
    parsed.check.log(ctx.log, 'x webhook');
    const stored = await acceptMentions(ctx, parsed.mentions, (m) => opts.onAccepted(m.platformId, m.threadId));
    return answerDelivery(reply, parsed.check, stored);
  });
};
