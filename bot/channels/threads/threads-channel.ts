import type { ThreadsSettings } from '../../../config/channel-settings.js';
import { countGraphemes } from '../../../shared/graphemes.js';
import type { Mention } from '../../../store/mention.js';
import { type Channel, type ChannelContext, ChannelSendError } from '../channel.js';
import { createThreadsApi } from './threads-api.js';
import type { ThreadsReplyContext } from './threads-events.js';
import { findOwnThreadsReply } from './threads-find-posted.js';
import { createThreadsPoller } from './threads-poller.js';
import { capOrRefusal } from './threads-reply-cap.js';
import { threadsWebhookRoutes } from './threads-webhook-routes.js';

const ROOT_TTL_MS = 30 * 86_400_000;
/** Threads keeps an unpublished container for a day. */
const CONTAINER_TTL_MS = 86_400_000;

/**
 * Threads (Meta): replies to the brand's posts and mentions of it, from Threads Webhooks or by
 * polling; answered in place with a reply container published in a second step. Threads caps a
 * profile at 1,000 published replies per rolling 24 hours: the outbox's quota governor keeps to it.
 */
export function createThreadsChannel(settings: ThreadsSettings): Channel & { pollOnce(): Promise<number> } {
  const api = createThreadsApi({
    apiUrl: settings.THREADS_API_URL,
    version: settings.THREADS_API_VERSION,
    userId: settings.THREADS_USER_ID,
    accessToken: settings.THREADS_ACCESS_TOKEN,
  });
  const own = settings.THREADS_USERNAME;
  let ctx: ChannelContext | undefined;
  let poller: ReturnType<typeof createThreadsPoller> | undefined;

  // A reply to a reply names only its parent: the thread each reply belongs to is remembered (a
  // reply that starts its own thread needs no entry), so later replies down the chain join it.
  const rememberRoot = async (mediaId: string, threadId: string) => {
    if (mediaId !== threadId) await ctx?.state.set(`root:${mediaId}`, threadId, ROOT_TTL_MS);
  };
  const rootOf = async (mediaId: string) => (await ctx?.state.get<string>(`root:${mediaId}`)) ?? undefined;
  const onAccepted = (m: Mention) => rememberRoot(m.platformId, m.threadId);
  const replyTo = (reply: { inReplyTo: string; replyContext?: Record<string, unknown> }) =>
    (reply.replyContext as ThreadsReplyContext | undefined)?.replyTo ?? reply.inReplyTo;

  return {
    name: 'threads',
    limits: { maxLength: 500, measure: countGraphemes },
    dailyQuota: { units: 1000, perReply: 1, resets: 'rolling' },
    async routes(app, channelCtx) {
      ctx = channelCtx;
      if (settings.THREADS_MODE !== 'webhook' || !settings.THREADS_APP_SECRET || !settings.THREADS_VERIFY_TOKEN) return;
      await app.register(threadsWebhookRoutes, {
        ctx: channelCtx,
        appSecret: settings.THREADS_APP_SECRET,
        verifyToken: settings.THREADS_VERIFY_TOKEN,
        ownUsername: own,
        rootOf,
        onAccepted,
      });
    },
    async start(channelCtx) {
      ctx = channelCtx;
      void api.publishingLimit().then(
        (limit) => channelCtx.log.info({ limit }, 'threads: publishing limit'),
        (err: Error) => channelCtx.log.warn({ err: err.message }, 'threads: could not read the publishing limit'),
      );
      const webhook = settings.THREADS_MODE === 'webhook';
      const intervalMs = webhook ? settings.THREADS_RECONCILE_MINUTES * 60_000 : settings.THREADS_POLL_INTERVAL_SECONDS * 1000;
      if (intervalMs === 0) return;
      poller = createThreadsPoller({
        api,
        ctx: channelCtx,
        intervalMs,
        ownUsername: own,
        posts: settings.THREADS_POLL_POSTS,
        readMentions: settings.THREADS_POLL_MENTIONS === 'true',
        rootOf,
        onAccepted,
        what: webhook ? 'threads reconciliation' : 'threads poll',
      });
      poller.start();
    },
    async stop() {
      await poller?.stop();
    },
    async pollOnce() {
      if (!poller) throw new Error('threads channel is not polling (THREADS_MODE=poll or THREADS_RECONCILE_MINUTES, and start() first)');
      return poller.pollOnce();
    },
    // Threads takes no idempotency key: before a reply is sent again, the replies under the media it
    // answers are read, and ours found there (its publish went out, the answer was lost) counts as sent.
    async findPosted(reply) {
      return findOwnThreadsReply(await api.replies(replyTo(reply)), reply, own);
    },
    async send(reply) {
      // The container is kept until it is published: a retry publishes the same one (Threads refuses to
      // publish a container twice), so a lost answer cannot become a second reply even unseen by findPosted.
      const key = `container:${reply.idempotencyKey}`;
      let creationId = (await ctx?.state.get<string>(key)) ?? undefined;
      if (!creationId) {
        creationId = await api.createReply(reply.text, replyTo(reply));
        await ctx?.state.set(key, creationId, CONTAINER_TTL_MS);
      }
      let id: string;
      try {
        id = await api.publish(creationId);
      } catch (err) {
        // The container is kept: once the cap lets it through, the same one is published.
        throw err instanceof ChannelSendError ? await capOrRefusal(api, err) : err;
      }
      await ctx?.state.delete(key);
      await rememberRoot(id, reply.threadId);
      return { platformId: id };
    },
  };
}
