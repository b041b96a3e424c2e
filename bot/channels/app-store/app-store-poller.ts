import { z } from 'zod';
import { ChannelSendError, type ChannelContext } from '../channel.js';
import { createCursorPoller } from '../cursor-poller.js';
import { ItemCheck } from '../delivery-items.js';
import type { AppStoreApi } from './app-store-api.js';
import { type CustomerReview, customerReview, mentionFromReview } from './app-store-events.js';

const MAX_PAGES = 10;
const page = z.object({
  data: z.array(z.unknown()).max(200),
  links: z
    .object({
      next: z
        .url({ protocol: /^https?$/ })
        .max(4000)
        .optional(),
    })
    .loose()
    .optional(),
});

/** Polls the app's reviews, newest first, back to the kept cursor (the newest creation time seen). */
export function createAppStorePoller(opts: { api: AppStoreApi; ctx: ChannelContext; intervalMs: number }) {
  return createCursorPoller<CustomerReview>({
    ctx: opts.ctx,
    what: 'app store reviews',
    cursorKey: 'reviews:createdDate',
    intervalMs: opts.intervalMs,
    maxPages: MAX_PAGES,
    firstRunPages: 1,
    async readPage({ cursor, next, since }) {
      const parsed = page.safeParse(await opts.api.listReviews(next));
      if (!parsed.success) throw new ChannelSendError('App Store reviews: the answer is not a review list', 'transient');
      const check = new ItemCheck();
      const reviews: CustomerReview[] = [];
      let newest: string | undefined;
      let older = false;
      for (const [i, raw] of parsed.data.data.entries()) {
        const r = check.parse(customerReview, raw, i);
        if (!r) continue;
        newest ??= r.attributes.createdDate;
        // Reviews made at the cursor's very second are read again: the dedupe answers each once.
        if ((cursor && r.attributes.createdDate < cursor) || Date.parse(r.attributes.createdDate) < since) older = true;
        else reviews.push(r);
      }
      return { mentions: reviews, check, next: older ? undefined : parsed.data.links?.next, newest };
    },
    toMention: async (r) => mentionFromReview(r),
  });
}
