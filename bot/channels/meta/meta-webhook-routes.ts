import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documented } from '../../../shared/route-docs.js';
import { errorSchema, sendError } from '../../../shared/http-errors.js';
import { acceptMentions } from '../accept-mentions.js';
import { timingSafeEqual } from 'node:crypto';
import type { ChannelContext } from '../channel.js';
import { answerDelivery, deliverySchema, notADelivery } from '../delivery-items.js';
import { answerWithPlainJson } from '../plain-json-answers.js';
import { mentionsFromMeta } from './meta-events.js';
import { verifyMetaSignature } from './verify-meta-signature.js';

export interface MetaWebhookOptions {
  ctx: ChannelContext;
  appSecret: string;
  verifyToken: string;
  /** The Page's and Instagram account's ids: their own comments are not answered. */
  ownIds: ReadonlySet<string>;
}

const verifySchema = {
  ...documented('Meta webhooks: the subscription check (answers the challenge as text)'),
  querystring: z.object({
    'hub.mode': z.string(),
    'hub.verify_token': z.string(),
    // Echoed back: only a short token (Meta sends digits), never markup or a body of our choosing.
    'hub.challenge': z.string().regex(/^[A-Za-z0-9._~-]{1,128}$/),
  }),
};

const eventSchema = {
  ...documented('Meta webhooks: a signed delivery of Page feed and Instagram comments'),
  response: { 200: deliverySchema, '4xx': errorSchema },
};

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** One webhook for Facebook Page feed comments and Instagram comments. */
export const metaWebhookRoutes: FastifyPluginAsyncZod<MetaWebhookOptions> = async (app, opts) => {
  const { ctx } = opts;
  // The signature covers the exact bytes Meta sent: keep the body raw in this scope.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  answerWithPlainJson(app);

  app.get('/webhooks/meta', { schema: verifySchema }, async (req, reply) => {
    if (req.query['hub.mode'] !== 'subscribe' || !sameText(req.query['hub.verify_token'], opts.verifyToken)) {
      return sendError(reply, 403, 'verification failed');
    }
    return reply.type('text/plain; charset=utf-8').header('x-content-type-options', 'nosniff').send(req.query['hub.challenge']);
  });

  app.post('/webhooks/meta', { schema: eventSchema }, async (req, reply) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = req.headers['x-hub-signature-256'];
    if (!verifyMetaSignature(opts.appSecret, raw, typeof signature === 'string' ? signature : undefined)) {
      ctx.log.warn({ ip: req.ip }, 'meta webhook: bad or missing signature, refused');
      return sendError(reply, 401, 'bad or missing X-Hub-Signature-256');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      return sendError(reply, 400, 'body is not JSON');
    }
    const parsed = mentionsFromMeta(payload, opts.ownIds);
    // Signed, but not shaped like a delivery (null, a number where a list belongs...): refused, not a crash.
    if (!parsed) return reply.code(400).send(notADelivery('a webhook delivery'));
    parsed.check.log(ctx.log, 'meta webhook');
    return answerDelivery(reply, parsed.check, await acceptMentions(ctx, parsed.mentions));
  });
};
