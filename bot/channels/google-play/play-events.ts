import { z } from 'zod';
import type { Mention } from '../../../store/mention.js';
import { stripInvisible } from '../../../shared/strip-invisible.js';
import { platformId } from '../delivery-items.js';

/** Google's Timestamp: seconds (a string of digits) and nanos. */
const timestamp = z.object({ seconds: z.string().regex(/^\d{1,12}$/), nanos: z.number().int().min(0).max(999_999_999).optional() }).loose();
export const msOf = (t: z.output<typeof timestamp>) => Number(t.seconds) * 1000 + Math.floor((t.nanos ?? 0) / 1e6);

/** A review as reviews.list and reviews.get give it: the user's comment, and the developer's reply when there is one. */
export const playReview = z
  .object({
    reviewId: platformId,
    authorName: z.string().max(256).optional(),
    comments: z
      .array(
        z
          .object({
            userComment: z
              .object({ text: z.string().max(20_000), lastModified: timestamp, starRating: z.number().int().min(1).max(5).optional() })
              .loose()
              .optional(),
            developerComment: z
              .object({ text: z.string().max(20_000), lastModified: timestamp })
              .loose()
              .optional(),
          })
          .loose(),
      )
      .max(10),
  })
  .loose();

export type PlayReview = z.output<typeof playReview>;

export const userComment = (r: PlayReview) => r.comments.find((c) => c.userComment)?.userComment;
export const developerComment = (r: PlayReview) => r.comments.find((c) => c.developerComment)?.developerComment;

/**
 * A review as a mention: each version of it (the user may edit it) is a mention of its own, all in
 * the review's thread, so an edited review is answered again (the new reply replaces the old one).
 */
export function mentionFromReview(pkg: string, r: PlayReview): Mention | undefined {
  const user = userComment(r);
  if (!user) return undefined;
  const at = msOf(user.lastModified);
  const thread = `${pkg}:${r.reviewId}`;
  return {
    channel: 'google-play',
    platformId: `${thread}:${user.lastModified.seconds}`,
    threadId: thread,
    author: stripInvisible(r.authorName ?? '').trim() || 'A Google user',
    text: stripInvisible(user.text).trim(),
    createdAt: new Date(at).toISOString(),
    replyContext: { packageName: pkg, reviewId: r.reviewId, ...(user.starRating ? { starRating: user.starRating } : {}) },
  };
}
