import type { TikTokSettings } from '../../../config/channel-settings.js';
import { countGraphemes } from '../../../shared/graphemes.js';
import { ChannelSendError, type Channel } from '../channel.js';
import { createTikTokApi } from './tiktok-api.js';
import { findOwnTikTokReply, tiktokTarget } from './tiktok-events.js';
import { createTikTokPoller } from './tiktok-poller.js';

/** What the TikTok channel cannot do, said once at start-up (and in docs/channels.md). */
export const TIKTOK_LIMITS_NOTE =
  "tiktok: comments are polled (the comment.update webhook is not used); only top-level comments on the account's recent videos are read, not replies within a thread; no idempotency key (a reply whose answer was lost is looked for under its comment before it is sent again); the Accounts API needs TikTok's approval of the app";

/**
 * TikTok business comments (TikTok API for Business, Accounts API): the comments of the account's
 * recent videos by polling, replies under the comment with /business/comment/reply/create/.
 * TikTok caps a comment at 150 characters.
 */
export function createTikTokChannel(settings: TikTokSettings): Channel & { pollOnce(): Promise<number> } {
  const api = createTikTokApi({
    baseUrl: settings.TIKTOK_API_URL,
    accessToken: settings.TIKTOK_ACCESS_TOKEN,
    businessId: settings.TIKTOK_BUSINESS_ID,
    rateLimitWaitMs: settings.TIKTOK_RATE_LIMIT_WAIT_SECONDS * 1000,
  });
  let poller: ReturnType<typeof createTikTokPoller> | undefined;

  return {
    name: 'tiktok',
    limits: { maxLength: 150, measure: countGraphemes },
    async start(ctx) {
      ctx.log.info(TIKTOK_LIMITS_NOTE);
      poller = createTikTokPoller({
        api,
        ctx,
        intervalMs: settings.TIKTOK_POLL_INTERVAL_SECONDS * 1000,
        recentVideos: settings.TIKTOK_RECENT_VIDEOS,
      });
      poller.start();
    },
    async stop() {
      await poller?.stop();
    },
    async pollOnce() {
      if (!poller) throw new Error('tiktok channel not started');
      return poller.pollOnce();
    },
    // No idempotency key: before a reply is sent again, the replies under its comment are read.
    async findPosted(reply) {
      const target = tiktokTarget(reply);
      return target ? findOwnTikTokReply(await api.replies(target.videoId, target.commentId), reply) : undefined;
    },
    async send(reply) {
      const target = tiktokTarget(reply);
      if (!target) throw new ChannelSendError('TikTok reply without replyContext (videoId, commentId)', 'permanent');
      return { platformId: await api.reply(target.videoId, target.commentId, reply.text) };
    },
  };
}
