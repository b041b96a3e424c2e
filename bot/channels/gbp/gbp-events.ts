import { z } from 'zod';
import type { Mention } from '../../../store/mention.js';
import { textTime } from '../delivery-items.js';
import { cleanText } from '../plain-text.js';
import { displayName, UNNAMED } from '../handles.js';
import { REVIEW_NAME } from './gbp-api.js';

/** A review as accounts.locations.reviews.list and .get give it. */
export const gbpReview = z.object({
  name: z.string().regex(REVIEW_NAME, 'must be accounts/{a}/locations/{l}/reviews/{r}'),
  reviewId: z.string().max(256).optional(),
  reviewer: z
    .object({ displayName: z.string().max(1000).optional(), isAnonymous: z.boolean().optional() })
    .loose()
    .optional(),
  starRating: z.enum(['STAR_RATING_UNSPECIFIED', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE']).optional(),
  comment: z.string().max(20_000).optional(),
  createTime: textTime,
  updateTime: textTime,
  reviewReply: z.object({ comment: z.string().max(20_000).optional(), updateTime: textTime.optional() }).optional(),
});
export type GbpReview = z.output<typeof gbpReview>;

export interface GbpReplyContext extends Record<string, unknown> {
  /** The review's resource name: the reply is PUT on `{review}/reply`. */
  review: string;
  stars?: string;
}

/**
 * A review as a mention, new or updated: an update is a new mention in the review's thread (its
 * platform id is the review's name and update time). Not a mention: a rating without text (nothing
 * to answer), or a review whose reply is newer than it (already answered, by us or a person).
 */
export function mentionFromReview(r: GbpReview): Mention | undefined {
  const text = cleanText(r.comment ?? '');
  if (!text) return undefined;
  if (r.reviewReply?.updateTime && r.reviewReply.updateTime >= r.updateTime) return undefined;
  return {
    channel: 'gbp',
    platformId: `${r.name}@${r.updateTime}`,
    threadId: r.name,
    author: (r.reviewer?.isAnonymous ? undefined : displayName(r.reviewer?.displayName)) ?? UNNAMED,
    text,
    createdAt: r.updateTime,
    replyContext: { review: r.name, ...(r.starRating ? { stars: r.starRating } : {}) } satisfies GbpReplyContext,
  };
}
