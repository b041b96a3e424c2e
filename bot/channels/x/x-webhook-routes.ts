import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documented } from '../../../shared/route-docs.js';
import { errorSchema, sendError } from '../../../shared/http-errors.js';
import type { ChannelContext } from '../channel.js';
import { signedWebhook } from '../signed-webhook.js';
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

/** Account Activity API webhook: the CRC check (GET) and signed event deliveries (POST). */
export const xWebhookRoutes: FastifyPluginAsyncZod<XWebhookOptions> = async (app, opts) => {
  app.get('/webhooks/x', { schema: crcSchema }, async (req, reply) => {
    const token = xCrcResponseToken(opts.consumerSecret, req.query.crc_token);
    if (!token) return sendError(reply, 400, 'crc_token is not a CRC token');
    return { response_token: token };
  });

  await app.register(signedWebhook, {
    ctx: opts.ctx,
    path: '/webhooks/x',
    what: 'x webhook',
    summary: 'X Account Activity API: a signed event delivery (the mentions in it are stored before the answer)',
    signatureHeader: 'x-twitter-webhooks-signature',
    signatureName: 'x-twitter-webhooks-signature',
    verify: (raw, signature) => verifyXSignature(opts.consumerSecret, raw, signature),
    // Other event kinds (favorites, follows, DMs...) are acknowledged and ignored.
    parse: (payload) => mentionsFromWebhook(payload, opts.brandUserId, opts.rootOf),
    deliveryName: 'an Account Activity delivery',
    onAccepted: (m) => opts.onAccepted(m.platformId, m.threadId),
    // Thousands a second in a burst: the metrics count them.
    quiet: true,
  });
};
