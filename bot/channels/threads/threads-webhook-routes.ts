import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendError } from '../../../shared/http-errors.js';
import { documented } from '../../../shared/route-docs.js';
import type { Mention } from '../../../store/mention.js';
import type { ChannelContext } from '../channel.js';
import { verifyMetaSignature } from '../meta/verify-meta-signature.js';
import { signedWebhook } from '../signed-webhook.js';
import { mentionsFromThreads, type ThreadsRootOf } from './threads-events.js';

export interface ThreadsWebhookOptions {
  ctx: ChannelContext;
  appSecret: string;
  verifyToken: string;
  ownUsername: string;
  rootOf: ThreadsRootOf;
  onAccepted(mention: Mention): Promise<void>;
}

const verifySchema = {
  ...documented('Threads webhooks: the subscription check (answers the challenge as text)'),
  querystring: z.object({
    'hub.mode': z.string().max(64),
    'hub.verify_token': z.string().max(512),
    // Echoed back: only a short token, never markup or a body of our choosing.
    'hub.challenge': z.string().regex(/^[A-Za-z0-9._~-]{1,128}$/),
  }),
};

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Threads Webhooks (`replies`, `mentions`): Meta's hub challenge and X-Hub-Signature-256 with the app secret. */
export const threadsWebhookRoutes: FastifyPluginAsyncZod<ThreadsWebhookOptions> = async (app, opts) => {
  app.get('/webhooks/threads', { schema: verifySchema }, async (req, reply) => {
    if (req.query['hub.mode'] !== 'subscribe' || !sameText(req.query['hub.verify_token'], opts.verifyToken)) {
      return sendError(reply, 403, 'verification failed');
    }
    return reply.type('text/plain; charset=utf-8').header('x-content-type-options', 'nosniff').send(req.query['hub.challenge']);
  });

  await app.register(signedWebhook, {
    ctx: opts.ctx,
    path: '/webhooks/threads',
    what: 'threads webhook',
    summary: 'Threads webhooks: a signed delivery of replies to the brand and mentions of it',
    signatureHeader: 'x-hub-signature-256',
    signatureName: 'X-Hub-Signature-256',
    verify: (raw, signature) => verifyMetaSignature(opts.appSecret, raw, signature),
    parse: (payload) => mentionsFromThreads(payload, opts.ownUsername, opts.rootOf),
    deliveryName: 'a Threads webhook delivery',
    onAccepted: opts.onAccepted,
    quiet: true,
  });
};
