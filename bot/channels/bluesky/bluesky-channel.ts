import type Keyv from 'keyv';
import type { BlueskySettings } from '../../../config/channel-settings.js';
import { ChannelSendError, type Channel } from '../channel.js';
import { countGraphemes } from '../../../shared/graphemes.js';
import { blueskySendError } from './bluesky-errors.js';
import type { BlueskyReplyContext } from './bluesky-events.js';
import { createBlueskyPoller } from './bluesky-poller.js';
import { replyRecord } from './bluesky-post.js';
import { createBlueskySession } from './bluesky-session.js';
import { newTid } from './record-key.js';

/** How long a reply's record key is kept: longer than the outbox ever retries one reply. */
const RKEY_TTL_MS = 7 * 86_400_000;

/**
 * Bluesky: mentions, replies and quotes from listNotifications; replies posted with createRecord
 * carrying strong refs to the thread's root and the post answered. 300 graphemes a post.
 */
export function createBlueskyChannel(settings: BlueskySettings): Channel & { pollOnce(): Promise<number> } {
  let state: Keyv | undefined;
  const session = createBlueskySession({
    service: settings.BLUESKY_SERVICE,
    identifier: settings.BLUESKY_HANDLE,
    appPassword: settings.BLUESKY_APP_PASSWORD,
    state: () => state,
  });
  let poller: ReturnType<typeof createBlueskyPoller> | undefined;

  return {
    name: 'bluesky',
    limits: { maxLength: 300, measure: countGraphemes },
    async start(ctx) {
      state = ctx.state;
      poller = createBlueskyPoller({ session, ctx, intervalMs: settings.BLUESKY_POLL_INTERVAL_SECONDS * 1000 });
      poller.start();
    },
    async stop() {
      await poller?.stop();
    },
    async pollOnce() {
      if (!poller) throw new Error('bluesky channel not started');
      return poller.pollOnce();
    },
    async send(reply) {
      const context = reply.replyContext as BlueskyReplyContext | undefined;
      if (!context?.root?.cid || !context.parent?.cid)
        throw new ChannelSendError('Bluesky reply without root/parent strong refs', 'permanent');
      // Bluesky has no idempotency key; a record key chosen once per reply plays that part. If a
      // first attempt's answer was lost, the retry finds the record under that key instead of
      // posting the reply twice.
      const keyName = `rkey:${reply.idempotencyKey}`;
      const known = (await state?.get<string>(keyName)) ?? undefined;
      const rkey = known ?? newTid();
      if (!known) await state?.set(keyName, rkey, RKEY_TTL_MS);
      const agent = await session.agent().catch((err: unknown) => {
        throw blueskySendError(err, 'createSession');
      });
      const repo = agent.session?.did ?? settings.BLUESKY_HANDLE;
      if (known) {
        const existing = await agent.com.atproto.repo.getRecord({ repo, collection: 'app.bsky.feed.post', rkey }).catch(() => undefined);
        if (existing) return { platformId: existing.data.uri };
      }
      try {
        const res = await agent.com.atproto.repo.createRecord({
          repo,
          collection: 'app.bsky.feed.post',
          rkey,
          record: replyRecord(reply.text, context),
        });
        return { platformId: res.data.uri };
      } catch (err) {
        throw blueskySendError(err, 'createRecord');
      }
    },
  };
}
