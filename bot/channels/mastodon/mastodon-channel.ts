import type { MastodonSettings } from '../../../config/channel-settings.js';
import type { Channel, ChannelContext, ChannelLimits } from '../channel.js';
import { createMastodonApi } from './mastodon-api.js';
import { createMastodonPoller } from './mastodon-poller.js';
import { mastodonLength } from './status-text.js';

const ROOT_TTL_MS = 30 * 86_400_000;
const VISIBILITIES = new Set(['public', 'unlisted', 'private', 'direct']);

/**
 * Mastodon: mention notifications by polling, replies as statuses in the thread with the
 * mention's own visibility and an Idempotency-Key. The length limit is the instance's.
 */
export function createMastodonChannel(settings: MastodonSettings): Channel & { pollOnce(): Promise<number> } {
  const api = createMastodonApi({ baseUrl: settings.MASTODON_URL, token: settings.MASTODON_TOKEN });
  // Filled from the instance at start; turns read it when they fit replies.
  const limits: ChannelLimits = { maxLength: 500, measure: mastodonLength };
  let ctx: ChannelContext | undefined;
  let poller: ReturnType<typeof createMastodonPoller> | undefined;

  // Notifications carry only the status replied to: we remember each status's thread root.
  const rememberRoot = async (statusId: string, threadId: string) => {
    await ctx?.state.set(`root:${statusId}`, threadId, ROOT_TTL_MS);
  };
  const rootOf = async (statusId: string) => (await ctx?.state.get<string>(`root:${statusId}`)) ?? undefined;

  return {
    name: 'mastodon',
    limits,
    async start(channelCtx) {
      ctx = channelCtx;
      try {
        limits.maxLength = await api.maxCharacters();
      } catch (err) {
        channelCtx.log.warn({ err: (err as Error).message }, 'mastodon: could not read the instance limit, using 500');
      }
      poller = createMastodonPoller({
        api,
        ctx: channelCtx,
        intervalMs: settings.MASTODON_POLL_INTERVAL_SECONDS * 1000,
        rootOf,
        onAccepted: rememberRoot,
      });
      poller.start();
    },
    async stop() {
      await poller?.stop();
    },
    async pollOnce() {
      if (!poller) throw new Error('mastodon channel not started');
      return poller.pollOnce();
    },
    async send(reply) {
      const visibility = String(reply.replyContext?.visibility ?? 'unlisted');
      const id = await api.reply({
        status: reply.text,
        inReplyToId: reply.inReplyTo,
        visibility: VISIBILITIES.has(visibility) ? visibility : 'unlisted',
        idempotencyKey: reply.idempotencyKey,
      });
      await rememberRoot(id, reply.threadId);
      return { platformId: id };
    },
  };
}
