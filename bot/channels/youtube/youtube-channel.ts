import type { YouTubeSettings } from '../../../config/google-channel-settings.js';
import type { Channel, ChannelContext, ChannelLimits } from '../channel.js';
import { createYouTubeApi } from './youtube-api.js';
import { findPostedReply } from './youtube-find-posted.js';
import { createYouTubePoller } from './youtube-poller.js';

/**
 * YouTube comments on the brand channel's videos: comment threads by polling, replies with
 * comments.insert under the thread's top-level comment. No idempotency key: a retried reply is first
 * looked for under that comment (findPosted). The project's daily quota (50 units a reply, 1 a
 * page read) is kept by the outbox's quota governor; it comes back at midnight Pacific time.
 */
export function createYouTubeChannel(settings: YouTubeSettings): Channel & { pollOnce(): Promise<number> } {
  const api = createYouTubeApi(settings);
  let ctx: ChannelContext | undefined;
  let poller: ReturnType<typeof createYouTubePoller> | undefined;
  return {
    name: 'youtube',
    limits: { maxLength: settings.YOUTUBE_MAX_LENGTH, measure: (t) => [...t].length } satisfies ChannelLimits,
    dailyQuota: { units: settings.YOUTUBE_DAILY_QUOTA, perReply: 50, resets: { midnightIn: 'America/Los_Angeles' } },
    async start(channelCtx) {
      ctx = channelCtx;
      poller = createYouTubePoller({
        api,
        ctx: channelCtx,
        channelId: settings.YOUTUBE_CHANNEL_ID,
        intervalMs: settings.YOUTUBE_POLL_INTERVAL_SECONDS * 1000,
      });
      poller.start();
    },
    async stop() {
      await poller?.stop();
    },
    async pollOnce() {
      if (!poller) throw new Error('youtube channel not started');
      return poller.pollOnce();
    },
    findPosted: (reply) => findPostedReply(api, ctx?.quota, settings.YOUTUBE_CHANNEL_ID, reply),
    async send(reply) {
      return { platformId: await api.insert(reply.threadId, reply.text) };
    },
  };
}
