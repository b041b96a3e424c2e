import type { MetaSettings } from '../../../config/channel-settings.js';
import { ChannelSendError, type Channel } from '../channel.js';
import { countGraphemes } from '../../../shared/graphemes.js';
import { createMetaApi } from './meta-api.js';
import { findOwnReply, replyTarget } from './meta-find-posted.js';
import type { MetaReplyContext } from './meta-events.js';
import { createMetaReconcile } from './meta-reconcile.js';
import { metaWebhookRoutes } from './meta-webhook-routes.js';

/**
 * Facebook Page comments and Instagram comments: both arrive on one webhook and are answered in
 * place with the Page access token. Instagram caps comments at 2,200 characters; Facebook allows
 * far more, but a support reply that long is never wanted, so one limit serves both.
 */
export function createMetaChannel(settings: MetaSettings): Channel & { pollOnce(): Promise<number> } {
  const api = createMetaApi({
    graphUrl: settings.META_GRAPH_URL,
    version: settings.META_GRAPH_VERSION,
    pageAccessToken: settings.META_PAGE_ACCESS_TOKEN,
  });
  const ownIds = new Set([settings.META_PAGE_ID, settings.META_IG_USER_ID].filter((v): v is string => Boolean(v)));
  let reconcile: ReturnType<typeof createMetaReconcile> | undefined;
  return {
    name: 'meta',
    limits: { maxLength: 2200, measure: countGraphemes },
    // With META_RECONCILE_MINUTES the recent comments are read now and then too: a comment whose
    // delivery never came is taken in through the same dedupe (the ones the webhook brought are duplicates).
    async start(ctx) {
      if (settings.META_RECONCILE_MINUTES === 0) return;
      reconcile = createMetaReconcile({
        api,
        ctx,
        intervalMs: settings.META_RECONCILE_MINUTES * 60_000,
        posts: settings.META_RECONCILE_POSTS,
        pageId: settings.META_PAGE_ID,
        igUserId: settings.META_IG_USER_ID,
        ownIds,
      });
      reconcile.start();
    },
    async stop() {
      await reconcile?.stop();
    },
    async pollOnce() {
      if (!reconcile) throw new Error('meta channel is not reconciling (META_RECONCILE_MINUTES, and start() first)');
      return reconcile.pollOnce();
    },
    async routes(app, ctx) {
      await app.register(metaWebhookRoutes, { ctx, appSecret: settings.META_APP_SECRET, verifyToken: settings.META_VERIFY_TOKEN, ownIds });
    },
    // Meta takes no idempotency key: before a reply is sent again, the replies under its comment are
    // read, and one already there (an earlier attempt whose answer was lost) counts as sent.
    async findPosted(reply) {
      const context = replyTarget(reply);
      return context ? findOwnReply(await api.repliesUnder(context), reply, ownIds) : undefined;
    },
    // Page and Instagram comments can be hidden by the account they are under (pages_manage_engagement,
    // instagram_manage_comments): still there for their author, gone for everyone else.
    async moderate(target, hidden) {
      const surface = (target.replyContext as MetaReplyContext | undefined)?.surface;
      if (surface !== 'facebook' && surface !== 'instagram')
        throw new ChannelSendError('Meta comment without its surface (facebook or instagram)', 'permanent');
      await api.setHidden(surface, target.platformId, hidden);
    },
    async send(reply) {
      const context = reply.replyContext as MetaReplyContext | undefined;
      // Facebook and Instagram reply on different edges: without the mention's context we cannot tell which.
      if (!context?.surface || !context.replyTo)
        throw new ChannelSendError('Meta reply without replyContext (surface, replyTo)', 'permanent');
      return { platformId: await api.reply(context, reply.text) };
    },
  };
}
