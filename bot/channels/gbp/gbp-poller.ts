import { z } from 'zod';
import { ChannelSendError, type ChannelContext } from '../channel.js';
import { createCursorPoller } from '../cursor-poller.js';
import { ItemCheck } from '../delivery-items.js';
import type { GbpApi } from './gbp-api.js';
import { type GbpReview, gbpReview, mentionFromReview } from './gbp-events.js';

const MAX_PAGES = 10;
const page = z.object({
  reviews: z.array(z.unknown()).max(200).optional(),
  nextPageToken: z.string().max(2000).optional(),
});

/**
 * Polls one location's reviews, the most recently updated first, back to the kept cursor (the newest
 * update time seen): a review written or edited since is taken in once per update.
 */
export function createGbpPoller(opts: { api: GbpApi; ctx: ChannelContext; account: string; location: string; intervalMs: number }) {
  return createCursorPoller<GbpReview>({
    ctx: opts.ctx,
    what: `gbp reviews (location ${opts.location})`,
    cursorKey: `reviews:${opts.location}:updateTime`,
    intervalMs: opts.intervalMs,
    maxPages: MAX_PAGES,
    firstRunPages: 1,
    async readPage({ cursor, next, since }) {
      const parsed = page.safeParse(await opts.api.listReviews(opts.account, opts.location, next));
      if (!parsed.success) throw new ChannelSendError('Google Business Profile reviews: the answer is not a review list', 'transient');
      const check = new ItemCheck();
      const reviews: GbpReview[] = [];
      let newest: string | undefined;
      let older = false;
      for (const [i, raw] of (parsed.data.reviews ?? []).entries()) {
        const r = check.parse(gbpReview, raw, i);
        if (!r) continue;
        newest ??= r.updateTime;
        if ((cursor && r.updateTime <= cursor) || Date.parse(r.updateTime) < since) older = true;
        else reviews.push(r);
      }
      return { mentions: reviews, check, next: older ? undefined : parsed.data.nextPageToken, newest };
    },
    toMention: async (r) => mentionFromReview(r),
  });
}
