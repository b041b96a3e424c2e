import { z } from 'zod';
import { REVIEW_NAME } from './gbp-api.js';

/** A Pub/Sub push request's body (push subscriptions without payload unwrapping). */
export const pushBody = z.object({
  message: z.object({
    // Base64 of the notification; GBP's are a few hundred bytes.
    data: z
      .string()
      .max(16_384)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
    messageId: z.string().min(1).max(200),
    message_id: z.string().max(200).optional(),
    publishTime: z.string().max(64).optional(),
    publish_time: z.string().max(64).optional(),
    attributes: z.record(z.string().max(256), z.string().max(1024)).optional(),
    orderingKey: z.string().max(1024).optional(),
  }),
  subscription: z.string().regex(/^projects\/[a-z0-9-]{1,64}\/subscriptions\/[A-Za-z0-9._~%+-]{1,255}$/, 'must be a subscription name'),
  deliveryAttempt: z.number().int().min(0).optional(),
});

/**
 * A Business Profile notification, as the Pub/Sub message's data: the type and the review's and
 * location's resource names (camelCase in the v4 reference, snake_case in the Notifications API's).
 */
const notification = z
  .object({
    type: z.string().max(64).optional(),
    notificationType: z.string().max(64).optional(),
    reviewName: z.string().max(512).optional(),
    review_name: z.string().max(512).optional(),
    locationName: z.string().max(512).optional(),
    location_name: z.string().max(512).optional(),
  })
  .loose();

const REVIEW_TYPES = new Set(['NEW_REVIEW', 'UPDATED_REVIEW']);

export type PushNotice =
  | { kind: 'review'; name: string; account: string; location: string }
  | { kind: 'other'; type: string }
  | { kind: 'bad'; problem: string };

/** What a notification asks: a review to read, something this channel does not handle, or nonsense. */
export function readNotice(data: string): PushNotice {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(data, 'base64').toString('utf8'));
  } catch {
    return { kind: 'bad', problem: 'message.data is not base64 JSON' };
  }
  const n = notification.safeParse(json);
  if (!n.success) return { kind: 'bad', problem: 'message.data is not a Business Profile notification' };
  const type = n.data.type ?? n.data.notificationType;
  const name = n.data.reviewName ?? n.data.review_name;
  if (type !== undefined && !REVIEW_TYPES.has(type)) return { kind: 'other', type };
  if (name === undefined)
    return type === undefined ? { kind: 'bad', problem: 'no review name' } : { kind: 'bad', problem: `${type} without a review name` };
  if (!REVIEW_NAME.test(name)) return { kind: 'bad', problem: 'the review name is not accounts/{a}/locations/{l}/reviews/{r}' };
  const [, account, , location] = name.split('/') as [string, string, string, string];
  return { kind: 'review', name, account, location };
}
