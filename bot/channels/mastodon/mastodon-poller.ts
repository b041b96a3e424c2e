import { ChannelSendError, type ChannelContext } from '../channel.js';
import { createCursorPoller } from '../cursor-poller.js';
import { ItemCheck } from '../delivery-items.js';
import type { MastodonApi } from './mastodon-api.js';
import { type MastodonNotification, mastodonNotification, mentionFromNotification, type ThreadRootOf } from './mastodon-events.js';

const CURSOR_KEY = 'notifications:since_id';
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

/**
 * Polls mention notifications with `since_id`. since_id returns the newest page: the poll walks back
 * with max_id until the cursor so nothing is skipped (one page on the very first poll).
 */
export function createMastodonPoller(opts: MastodonPollerOptions) {
  return createCursorPoller({
    ctx: opts.ctx,
    what: 'mastodon notifications',
    cursorKey: CURSOR_KEY,
    intervalMs: opts.intervalMs,
    maxPages: MAX_PAGES,
    firstRunPages: 1,
    async readPage({ cursor, next, since }) {
      const batch: unknown = await opts.api.mentions(cursor, next, PAGE);
      if (!Array.isArray(batch)) throw new ChannelSendError('Mastodon notifications: the answer is not a list', 'transient');
      // Each notification checked on its own: a malformed one is refused and logged, never retried
      // forever (the cursor moves past it), and the others are stored.
      const check = new ItemCheck();
      const mentions: MastodonNotification[] = [];
      for (const [index, raw] of batch.entries()) {
        const notification = check.parse(mastodonNotification, raw, index);
        if (notification && Date.parse(notification.created_at) >= since) mentions.push(notification);
      }
      return {
        mentions,
        check,
        next: batch.length < PAGE ? undefined : idOf(batch[batch.length - 1]),
        newest: batch.map(idOf).find((id) => id !== undefined),
      };
    },
    // Made a mention only when its turn comes: a reply finds the root its parent, taken in just before, left.
    toMention: (notification) => mentionFromNotification(notification, opts.rootOf),
    onAccepted: (m) => opts.onAccepted(m.platformId, m.threadId),
  });
}
