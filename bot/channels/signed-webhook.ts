import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Mention } from '../../store/mention.js';
import { documented } from '../../shared/route-docs.js';
import { errorSchema, sendError } from '../../shared/http-errors.js';
import { acceptMentions } from './accept-mentions.js';
import type { ChannelContext } from './channel.js';
import { answerDelivery, deliverySchema, type ItemCheck, notADelivery } from './delivery-items.js';
import { answerWithPlainJson } from './plain-json-answers.js';

export interface SignedWebhookOptions {
  ctx: ChannelContext;
  /** The route, e.g. /webhooks/x. */
  path: string;
  /** Names the platform in logs, e.g. "x webhook". */
  what: string;
  /** The OpenAPI summary of the POST route. */
  summary: string;
  /** The header carrying the signature, lower case, and how the refusal names it. */
  signatureHeader: string;
  signatureName: string;
  /** Checks the signature against the exact bytes received (never the parsed body). */
  verify(raw: Buffer, signature: string | undefined): boolean;
  /** The mentions in a signed, parsed delivery; undefined when it is not shaped like one at all. */
  parse(
    payload: unknown,
  ): Promise<{ mentions: Mention[]; check: ItemCheck } | undefined> | { mentions: Mention[]; check: ItemCheck } | undefined;
  /** What a delivery is called in the 400 for a body that is not one ("an Account Activity delivery"). */
  deliveryName: string;
  /** Runs for each newly accepted mention (e.g. to remember its thread root). */
  onAccepted?(mention: Mention): Promise<void> | void;
  /** No info line per delivery (a hot route in a burst): warnings and errors still logged, each request at debug. */
  quiet?: boolean;
}

/**
 * The POST half every signed platform webhook shares (X's Account Activity, Meta's Webhooks): the
 * body kept raw in this scope so the signature is checked on the bytes sent, a bad or missing
 * signature refused with 401 and nothing stored, each item checked on its own, the good ones stored
 * (deduplicated) before the platform hears 200. The GET handshake (CRC, hub challenge) stays with
 * each platform: their shapes differ.
 */
export const signedWebhook: FastifyPluginAsyncZod<SignedWebhookOptions> = async (app, opts) => {
  const { ctx } = opts;
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  answerWithPlainJson(app);

  const schema = {
    ...documented(opts.summary),
    headers: z.object({ [opts.signatureHeader]: z.string().optional() }),
    response: { 200: deliverySchema, '4xx': errorSchema },
  };
  const level = app.log.level;
  const quiet = opts.quiet && level !== 'debug' && level !== 'trace';

  app.post(opts.path, { schema, ...(quiet ? { logLevel: 'warn' as const } : {}) }, async (req, reply) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = req.headers[opts.signatureHeader];
    if (!opts.verify(raw, typeof signature === 'string' ? signature : undefined)) {
      ctx.log.warn({ ip: req.ip }, `${opts.what}: bad or missing signature, refused`);
      return sendError(reply, 401, `bad or missing ${opts.signatureName}`);
    }
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      return sendError(reply, 400, 'body is not JSON');
    }
    const parsed = await opts.parse(payload);
    // Signed, but not shaped like a delivery (null, a number where a list belongs...): refused, not a crash.
    if (!parsed) return reply.code(400).send(notADelivery(opts.deliveryName));
    parsed.check.log(ctx.log, opts.what);
    return answerDelivery(reply, parsed.check, await acceptMentions(ctx, parsed.mentions, opts.onAccepted));
  });
};
