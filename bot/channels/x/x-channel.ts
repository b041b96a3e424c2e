// twitter-text is CommonJS without named-export hints: Node's ESM loader only sees a default export.
import twitterText from 'twitter-text';

const { parseTweet } = twitterText;
import type { XSettings } from '../../../config/channel-settings.js';
import { ChannelSendError, type Channel, type ChannelContext } from '../channel.js';
import { createXApi } from './x-api.js';
import { createXPoller } from './x-poller.js';
import { xWebhookRoutes } from './x-webhook-routes.js';

const ROOT_TTL_MS = 30 * 86_400_000;

/**
 * X (Twitter): mentions from the Account Activity webhook or by polling the mentions timeline;
 * replies posted in the thread with POST /2/tweets. Length counted the way X counts it.
 */
export function createXChannel(settings: XSettings): Channel & { pollOnce(): Promise<number> } {
  const oauth1 =
    settings.X_ACCESS_TOKEN_SECRET && settings.X_CONSUMER_KEY && settings.X_CONSUMER_SECRET
      ? {
          consumerKey: settings.X_CONSUMER_KEY,
          consumerSecret: settings.X_CONSUMER_SECRET,
          token: settings.X_ACCESS_TOKEN,
          tokenSecret: settings.X_ACCESS_TOKEN_SECRET,
        }
      : undefined;
  const api = createXApi({
    baseUrl: settings.X_API_URL,
    accessToken: settings.X_ACCESS_TOKEN,
    ...(oauth1 ? { oauth1 } : {}),
    ...(settings.X_BEARER_TOKEN ? { appToken: settings.X_BEARER_TOKEN } : {}),
  });
  let ctx: ChannelContext | undefined;
  let poller: ReturnType<typeof createXPoller> | undefined;

  // Webhook tweets carry only the tweet they reply to: we remember each tweet's thread root
  // (mentions seen, replies we sent) so later replies in the chain join the same thread.
  // A tweet that is its thread's root needs no entry: a reply to it finds no root and takes the tweet
  // replied to, the same thread (most mentions: one write saved on the webhook's hot path).
  const rememberRoot = async (tweetId: string, threadId: string) => {
    if (tweetId !== threadId) await ctx?.state.set(`root:${tweetId}`, threadId, ROOT_TTL_MS);
  };
  const rootOf = async (tweetId: string) => (await ctx?.state.get<string>(`root:${tweetId}`)) ?? undefined;

  return {
    name: 'x',
    limits: { maxLength: 280, measure: (text) => parseTweet(text).weightedLength },
    async routes(app, channelCtx) {
      ctx = channelCtx;
      if (settings.X_MODE !== 'webhook' || !settings.X_CONSUMER_SECRET) return;
      await app.register(xWebhookRoutes, {
        ctx: channelCtx,
        consumerSecret: settings.X_CONSUMER_SECRET,
        brandUserId: settings.X_USER_ID,
        rootOf,
        onAccepted: rememberRoot,
      });
    },
    async start(channelCtx) {
      ctx = channelCtx;
      // In webhook mode the timeline is read now and then too: a mention whose delivery never came is
      // taken in through the same dedupe (the ones the webhook brought are duplicates).
      const reconcileMs = settings.X_MODE === 'webhook' ? settings.X_RECONCILE_MINUTES * 60_000 : 0;
      if (settings.X_MODE !== 'poll' && reconcileMs === 0) return;
      poller = createXPoller({
        api,
        userId: settings.X_USER_ID,
        ctx: channelCtx,
        intervalMs: reconcileMs || settings.X_POLL_INTERVAL_SECONDS * 1000,
        onAccepted: rememberRoot,
      });
      poller.start();
    },
    async stop() {
      await poller?.stop();
    },
    async pollOnce() {
      if (!poller) throw new Error('x channel is not polling (X_MODE=poll or X_RECONCILE_MINUTES, and start() first)');
      return poller.pollOnce();
    },
    async send(reply) {
      let id: string;
      try {
        id = await api.reply(reply.text, reply.inReplyTo);
      } catch (err) {
        // X has no idempotency key. When an earlier attempt's answer was lost, the retry is refused
        // as duplicate content: the reply is out, so it counts as sent rather than failed.
        if (reply.attempts > 1 && err instanceof ChannelSendError && err.kind === 'permanent' && /duplicate content/i.test(err.message)) {
          ctx?.log.warn({ replyId: reply.id }, 'x: reply already posted by an earlier attempt');
          return { platformId: `posted-earlier:${reply.idempotencyKey}` };
        }
        throw err;
      }
      await rememberRoot(id, reply.threadId);
      return { platformId: id };
    },
  };
}
