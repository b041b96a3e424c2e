import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendError } from '../../../shared/http-errors.js';
import { documented } from '../../../shared/route-docs.js';
import { ChannelSendError, type ChannelContext } from '../channel.js';
import { PushTokenError } from '../google-push-token.js';
import type { GbpApi } from './gbp-api.js';
import { gbpReview, mentionFromReview } from './gbp-events.js';
import { pushBody, readNotice } from './gbp-push-message.js';

export interface GbpPushOptions {
  ctx: ChannelContext;
  api: GbpApi;
  verify(authorization: string | undefined): Promise<unknown>;
  account: string;
  locations: readonly string[];
}

/** A GBP notification is tiny: anything much larger is not one. */
const BODY_LIMIT = 64 * 1024;

/**
 * /webhooks/gbp: Pub/Sub pushes Business Profile notifications here. The OIDC token is checked first
 * (401, nothing read); a review notification makes us read the review and take it in through the
 * same path as the poll (its id is the review's name and update time, so the poll finding it too
 * stores nothing more). 204 acknowledges; 503 when Google could not be read (Pub/Sub redelivers,
 * and the poll finds the review anyway).
 */
export const gbpPushRoutes: FastifyPluginAsyncZod<GbpPushOptions> = async (app, opts) => {
  const { ctx, api } = opts;
  const locations = new Set(opts.locations);

  app.post(
    '/webhooks/gbp',
    {
      bodyLimit: BODY_LIMIT,
      schema: { ...documented('Google Business Profile: a Pub/Sub push of a review notification (OIDC token)'), body: pushBody },
      // Before the body is validated: a request without Google's token learns nothing about the shape wanted.
      preValidation: async (req, reply) => {
        try {
          await opts.verify(req.headers.authorization);
        } catch (err) {
          const unavailable = err instanceof PushTokenError && err.kind === 'unavailable';
          ctx.log.warn({ ip: req.ip, reason: (err as Error).message }, 'gbp push refused');
          return sendError(reply, unavailable ? 503 : 401, unavailable ? 'cannot check the token now' : 'invalid push token');
        }
      },
    },
    async (req, reply) => {
      const notice = readNotice(req.body.message.data);
      const messageId = req.body.message.messageId;
      if (notice.kind === 'bad') return sendError(reply, 400, notice.problem);
      if (notice.kind === 'other') return reply.code(204).send();
      if (notice.account !== opts.account || !locations.has(notice.location)) {
        // The account's topic carries every location: the ones not configured are not answered.
        ctx.log.info({ messageId, location: notice.location }, 'gbp push: a review of a location not configured, ignored');
        return reply.code(204).send();
      }
      let raw: unknown;
      try {
        raw = await api.getReview(notice.name);
      } catch (err) {
        const e = err as ChannelSendError;
        if (e instanceof ChannelSendError && e.kind === 'permanent') {
          // Deleted since, or no longer ours to read: nothing to answer; the poll has the last word.
          ctx.log.warn({ messageId, review: notice.name, err: e.message }, 'gbp push: the review cannot be read, ignored');
          return reply.code(204).send();
        }
        ctx.log.warn({ messageId, review: notice.name, err: e.message }, 'gbp push: the review could not be read now');
        return sendError(reply, 503, 'the review could not be read now');
      }
      const review = gbpReview.safeParse(raw);
      if (!review.success) return sendError(reply, 503, 'the review read back is not a review');
      const mention = mentionFromReview(review.data);
      if (mention) {
        const result = await ctx.accept(mention);
        if (result.duplicate) ctx.log.debug({ messageId, platformId: mention.platformId }, 'gbp push: review already taken in');
      }
      return reply.code(204).send();
    },
  );
};
