import type { FastifyInstance } from 'fastify';
import { acceptMentions } from '../accept-mentions.js';
import { timingSafeEqual } from 'node:crypto';
import type { ChannelContext } from '../channel.js';
import { mentionsFromMeta, type MetaWebhookPayload } from './meta-events.js';
import { verifyMetaSignature } from './verify-meta-signature.js';

export interface MetaWebhookOptions {
  ctx: ChannelContext;
  appSecret: string;
  verifyToken: string;
  /** The Page's and Instagram account's ids: their own comments are not answered. */
  ownIds: ReadonlySet<string>;
}

const errorSchema = { type: 'object', properties: { error: { type: 'string' }, message: { type: 'string' } } } as const;

const verifySchema = {
  querystring: {
    type: 'object',
    required: ['hub.mode', 'hub.verify_token', 'hub.challenge'],
    properties: {
      'hub.mode': { type: 'string' },
      'hub.verify_token': { type: 'string' },
      'hub.challenge': { type: 'string', maxLength: 1000 },
    },
  },
} as const;

const eventSchema = {
  response: {
    200: { type: 'object', properties: { accepted: { type: 'integer' }, duplicates: { type: 'integer' } } },
    '4xx': errorSchema,
  },
} as const;

type VerifyQuery = { 'hub.mode': string; 'hub.verify_token': string; 'hub.challenge': string };

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** One webhook for Facebook Page feed comments and Instagram comments. */
export async function metaWebhookRoutes(app: FastifyInstance, opts: MetaWebhookOptions) {
  const { ctx } = opts;
  // The signature covers the exact bytes Meta sent: keep the body raw in this scope.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.get<{ Querystring: VerifyQuery }>('/webhooks/meta', { schema: verifySchema }, async (req, reply) => {
    if (req.query['hub.mode'] !== 'subscribe' || !sameText(req.query['hub.verify_token'], opts.verifyToken)) {
      return reply.code(403).type('text/plain').send('verification failed');
    }
    return reply.type('text/plain').send(req.query['hub.challenge']);
  });

  app.post('/webhooks/meta', { schema: eventSchema }, async (req, reply) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = req.headers['x-hub-signature-256'];
    if (!verifyMetaSignature(opts.appSecret, raw, typeof signature === 'string' ? signature : undefined)) {
      ctx.log.warn({ ip: req.ip }, 'meta webhook: bad or missing signature, refused');
      return reply.code(401).send({ error: 'Unauthorized', message: 'bad or missing X-Hub-Signature-256' });
    }
    let payload: MetaWebhookPayload;
    try {
      payload = JSON.parse(raw.toString('utf8')) as MetaWebhookPayload;
    } catch {
      return reply.code(400).send({ error: 'Bad Request', message: 'body is not JSON' });
    }
    let mentions;
    try {
      mentions = mentionsFromMeta(payload, opts.ownIds);
    } catch (err) {
      // Signed, but not shaped like a delivery (null, a number where a list belongs...): refused, not a crash.
      if (err instanceof TypeError) return reply.code(400).send({ error: 'Bad Request', message: 'body is not a webhook delivery' });
      throw err;
    }
    return acceptMentions(ctx, mentions);
  });
}
