import { z } from 'zod';
import type { Mention } from '../../../store/mention.js';
import { ChannelSendError, type ChannelContext } from '../channel.js';
import { createCursorPoller } from '../cursor-poller.js';
import { ItemCheck } from '../delivery-items.js';
import type { PlayApi } from './play-api.js';
import { developerComment, mentionFromReview, msOf, playReview, userComment } from './play-events.js';

const MAX_PAGES = 5;
const page = z
  .object({
    reviews: z.array(z.unknown()).max(100).optional(),
    tokenPagination: z
      .object({ nextPageToken: z.string().max(1024).optional() })
      .loose()
      .optional(),
  })
  .loose();

/**
 * Polls one app's reviews, the most recently written or edited first, back to the kept cursor (the
 * newest review's time). A review the developer already answered after its last edit is not taken in.
 */
export function createPlayPoller(opts: { api: PlayApi; ctx: ChannelContext; pkg: string; intervalMs: number }) {
  return createCursorPoller<Mention>({
    ctx: opts.ctx,
    what: `google play reviews of ${opts.pkg}`,
    cursorKey: `reviews:${opts.pkg}`,
    intervalMs: opts.intervalMs,
    maxPages: MAX_PAGES,
    firstRunPages: 1,
    async readPage({ cursor, next, since }) {
      const body = page.safeParse(await opts.api.reviews(opts.pkg, next));
      if (!body.success) throw new ChannelSendError('Google Play reviews.list: the answer is not a page of reviews', 'transient');
      const after = cursor ? Number(cursor) : since;
      const check = new ItemCheck();
      const mentions: Mention[] = [];
      let newest: number | undefined;
      let older = false;
      for (const [index, raw] of (body.data.reviews ?? []).entries()) {
        const review = check.parse(playReview, raw, index);
        const user = review && userComment(review);
        if (!review || !user) continue;
        const at = msOf(user.lastModified);
        newest = Math.max(newest ?? at, at);
        if (at < after) older = true;
        const answered = developerComment(review);
        if (at < after || (answered && msOf(answered.lastModified) >= at)) continue;
        const mention = mentionFromReview(opts.pkg, review);
        if (mention) mentions.push(mention);
      }
      return {
        mentions,
        check,
        next: older ? undefined : body.data.tokenPagination?.nextPageToken,
        newest: newest === undefined ? undefined : String(newest),
      };
    },
  });
}
