import { z } from 'zod';
import type { Mention } from '../../../store/mention.js';
import { cleanText } from '../plain-text.js';
import { textTime } from '../delivery-items.js';
import { displayName, UNNAMED } from '../handles.js';

/** Apple's resource ids: letters, digits, dashes. */
export const appleId = z.string().regex(/^[A-Za-z0-9-]{1,128}$/, 'must be an App Store Connect id');

/** A customer review as `GET /v1/apps/{id}/customerReviews` lists it. */
export const customerReview = z.object({
  type: z.literal('customerReviews'),
  id: appleId,
  attributes: z.object({
    rating: z.number().int().min(1).max(5).optional(),
    title: z.string().max(1000).optional(),
    body: z.string().max(20_000).optional(),
    reviewerNickname: z.string().max(1000).optional(),
    createdDate: textTime,
    territory: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
  }),
  relationships: z
    .object({
      response: z
        .object({ data: z.object({ id: appleId }).loose().nullable().optional() })
        .loose()
        .optional(),
    })
    .loose()
    .optional(),
});
export type CustomerReview = z.output<typeof customerReview>;

export interface AppStoreReplyContext extends Record<string, unknown> {
  review: string;
  rating?: number;
}

/**
 * A review as a mention (its thread is the review), or undefined: a review already answered (by us
 * or in App Store Connect), or one without words.
 */
export function mentionFromReview(r: CustomerReview): Mention | undefined {
  if (r.relationships?.response?.data) return undefined;
  const title = cleanText(r.attributes.title ?? '');
  const body = cleanText(r.attributes.body ?? '');
  const text = [title, body].filter(Boolean).join('\n');
  if (!text) return undefined;
  return {
    channel: 'app-store',
    platformId: r.id,
    threadId: r.id,
    author: displayName(r.attributes.reviewerNickname) ?? UNNAMED,
    text,
    createdAt: r.attributes.createdDate,
    replyContext: {
      review: r.id,
      ...(r.attributes.rating === undefined ? {} : { rating: r.attributes.rating }),
    } satisfies AppStoreReplyContext,
  };
}
