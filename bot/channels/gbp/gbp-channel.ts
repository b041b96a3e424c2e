import type { GbpSettings } from '../../../config/channel-settings.js';
import { ChannelSendError, type Channel } from '../channel.js';
import { reviewReplyVerdict } from '../review-reply-check.js';
import { createGbpApi, REVIEW_NAME } from './gbp-api.js';
import type { GbpReplyContext } from './gbp-events.js';
import { gbpReview } from './gbp-events.js';
import { createGbpPoller } from './gbp-poller.js';
import { createGooglePushVerifier } from '../google-push-token.js';
import { gbpPushRoutes } from './gbp-push-routes.js';

/** Google counts a reply's limit in bytes. */
const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * Google Business Profile reviews: new and edited reviews by polling each location (and, when set
 * up, from Pub/Sub push notifications taken in through the same dedupe), answered with
 * the review's one reply (`updateReply`). A later reply on the same review replaces the earlier one
 * (an agent's answer replaces the bot's acknowledgement; an edited review gets a fresh answer).
 */
export function createGbpChannel(settings: GbpSettings): Channel & { pollOnce(): Promise<number> } {
  const api = createGbpApi({
    apiUrl: settings.GBP_API_URL,
    tokenUrl: settings.GBP_TOKEN_URL,
    clientId: settings.GBP_CLIENT_ID,
    clientSecret: settings.GBP_CLIENT_SECRET,
    refreshToken: settings.GBP_REFRESH_TOKEN,
  });
  let pollers: ReturnType<typeof createGbpPoller>[] = [];
  const reviewOf = (reply: { replyContext?: Record<string, unknown>; threadId: string }) => {
    const name = (reply.replyContext as GbpReplyContext | undefined)?.review ?? reply.threadId;
    if (!REVIEW_NAME.test(name)) throw new ChannelSendError('Google Business Profile reply without a review name', 'permanent');
    return name;
  };

  const push =
    settings.GBP_PUSH_AUDIENCE && settings.GBP_PUSH_SERVICE_ACCOUNT
      ? createGooglePushVerifier({
          audience: settings.GBP_PUSH_AUDIENCE,
          serviceAccount: settings.GBP_PUSH_SERVICE_ACCOUNT,
          jwksUrl: settings.GBP_PUSH_JWKS_URL,
        })
      : undefined;

  return {
    name: 'gbp',
    limits: { maxLength: 4096, measure: utf8Bytes },
    ...(push
      ? {
          async routes(app, ctx) {
            await app.register(gbpPushRoutes, {
              ctx,
              api,
              verify: push,
              account: settings.GBP_ACCOUNT_ID,
              locations: settings.GBP_LOCATION_IDS,
            });
          },
        }
      : {}),
    async start(ctx) {
      // With push the poll stays on: it finds what a lost or late notification missed.
      ctx.log.info(push ? 'gbp: Pub/Sub push on /webhooks/gbp, and polling reviews' : 'gbp: polling reviews (Pub/Sub push not set up)');
      pollers = settings.GBP_LOCATION_IDS.map((location) =>
        createGbpPoller({ api, ctx, account: settings.GBP_ACCOUNT_ID, location, intervalMs: settings.GBP_POLL_INTERVAL_SECONDS * 1000 }),
      );
      for (const p of pollers) p.start();
    },
    async stop() {
      await Promise.all(pollers.map((p) => p.stop()));
    },
    async pollOnce() {
      let n = 0;
      for (const p of pollers) n += await p.pollOnce();
      return n;
    },
    // The reply is a PUT (sending it twice leaves one reply), but a late retry must not replace a newer
    // reply: the review is read first, and its reply, when it is this one or newer, counts as sent.
    async findPosted(reply) {
      const name = reviewOf(reply);
      const parsed = gbpReview.safeParse(await api.getReview(name));
      if (!parsed.success) throw new ChannelSendError('Google Business Profile get review: not a review', 'transient');
      const r = parsed.data.reviewReply;
      const existing =
        r?.comment === undefined ? undefined : { text: r.comment, ...(r.updateTime ? { at: Date.parse(r.updateTime) } : {}) };
      const verdict = reviewReplyVerdict(existing, reply);
      return verdict ? { platformId: `${name}/reply@${verdict}` } : undefined;
    },
    async send(reply) {
      const name = reviewOf(reply);
      const answer = (await api.updateReply(name, reply.text)) as { updateTime?: unknown };
      return { platformId: `${name}/reply@${typeof answer.updateTime === 'string' ? answer.updateTime.slice(0, 40) : Date.now()}` };
    },
  };
}
