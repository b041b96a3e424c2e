import { ChannelSendError, type ChannelContext } from '../channel.js';
import { ItemCheck } from '../delivery-items.js';
import { createPollLoop } from '../poll-loop.js';
import type { MastodonApi } from './mastodon-api.js';
import { mastodonNotification, mentionFromNotification, type ThreadRootOf } from './mastodon-events.js';

const CURSOR_KEY = 'notifications:since_id';
/** On the very first poll there is no cursor: older mentions are stale, not worth a reply now. */
const FIRST_RUN_MAX_AGE_MS = 60 * 60_000;
const PAGE = 40;
const MAX_PAGES = 10;

export interface MastodonPollerOptions {
  api: MastodonApi;
  ctx: ChannelContext;
  intervalMs: number;
  rootOf: ThreadRootOf;
  onAccepted(statusId: string, threadId: string): Promise<void>;
}

/** A notification's id when it has one, for the cursor (even when the rest of it is refused). */
const idOf = (n: unknown): string | undefined => {
  const id = (n as { id?: unknown } | null)?.id;
  return typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : undefined;
};

/** Polls mention notifications with `since_id`; the cursor lives in the channel state. */
export function createMastodonPoller(opts: MastodonPollerOptions) {
  const { api, ctx } = opts;

  async function pollOnce(): Promise<number> {
    const sinceId = (await ctx.state.get<string>(CURSOR_KEY)) ?? undefined;
    const minCreated = sinceId ? 0 : Date.now() - FIRST_RUN_MAX_AGE_MS;
    const found: unknown[] = [];
    let maxId: string | undefined;
    // since_id returns the newest page: walk back with max_id until the cursor so nothing is skipped.
    for (let page = 0; page < (sinceId ? MAX_PAGES : 1); page++) {
      const batch: unknown = await api.mentions(sinceId, maxId, PAGE);
      if (!Array.isArray(batch)) throw new ChannelSendError('Mastodon notifications: the answer is not a list', 'transient');
      found.push(...batch);
      if (batch.length < PAGE) break;
      maxId = idOf(batch[batch.length - 1]);
      if (!maxId) break;
    }
    // Each notification checked on its own: a malformed one is refused and logged, never retried
    // forever (the cursor moves past it), and the others are stored.
    const check = new ItemCheck();
    const notifications = found.map((raw, index) => check.parse(mastodonNotification, raw, index));
    check.log(ctx.log, 'mastodon notifications');
    let accepted = 0;
    for (const notification of notifications.reverse()) {
      if (!notification || Date.parse(notification.created_at) < minCreated) continue;
      const mention = await mentionFromNotification(notification, opts.rootOf);
      if (!mention) continue;
      const result = await ctx.accept(mention);
      if (!result.duplicate) {
        accepted++;
        await opts.onAccepted(mention.platformId, mention.threadId);
      }
    }
    // Moved only once every mention is stored: a crash before this line re-reads them (deduped).
    const newest = found.map(idOf).find((id) => id !== undefined);
    if (newest) await ctx.state.set(CURSOR_KEY, newest);
    return accepted;
  }

  const loop = createPollLoop(pollOnce, { intervalMs: opts.intervalMs, log: ctx.log, what: 'mastodon notifications' });
  return { pollOnce, start: loop.start, stop: loop.stop };
}
