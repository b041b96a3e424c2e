import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documented } from '../../../shared/route-docs.js';
import { sendError } from '../../../shared/http-errors.js';
import { timingSafeEqual } from 'node:crypto';
import type { ChannelContext } from '../channel.js';
import { signedWebhook } from '../signed-webhook.js';
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

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** One webhook for Facebook Page feed comments and Instagram comments. */
export const metaWebhookRoutes: FastifyPluginAsyncZod<MetaWebhookOptions> = async (app, opts) => {
  app.get('/webhooks/meta', { schema: verifySchema }, async (req, reply) => {
    if (req.query['hub.mode'] !== 'subscribe' || !sameText(req.query['hub.verify_token'], opts.verifyToken)) {
      return sendError(reply, 403, 'verification failed');
    }
    return reply.type('text/plain; charset=utf-8').header('x-content-type-options', 'nosniff').send(req.query['hub.challenge']);
  });

  await app.register(signedWebhook, {
    ctx: opts.ctx,
    path: '/webhooks/meta',
    what: 'meta webhook',
    summary: 'Meta webhooks: a signed delivery of Page feed and Instagram comments',
    signatureHeader: 'x-hub-signature-256',
    signatureName: 'X-Hub-Signature-256',
    verify: (raw, signature) => verifyMetaSignature(opts.appSecret, raw, signature),
    parse: (payload) => mentionsFromMeta(payload, opts.ownIds),
    deliveryName: 'a webhook delivery',
  });
};
