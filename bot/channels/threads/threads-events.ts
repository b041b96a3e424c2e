import { z } from 'zod';
import type { Mention } from '../../../store/mention.js';
import { ItemCheck, platformId, textTime } from '../delivery-items.js';
import { INSTAGRAM_USERNAME } from '../handles.js';
import { cleanText } from '../plain-text.js';

/** A Threads media object (a reply or a post mentioning the brand), as webhooks and reads give it. */
export const threadsMedia = z.object({
  id: platformId,
  username: z.string().regex(INSTAGRAM_USERNAME, 'must be a Threads username'),
  text: z.string().max(10_000).optional(),
  timestamp: textTime,
  permalink: z
    .url({ protocol: /^https$/ })
    .max(2000)
    .optional(),
  media_type: z.string().max(64).optional(),
  replied_to: z.object({ id: platformId }).optional(),
  root_post: z.object({ id: platformId, owner_id: platformId.optional(), username: z.string().max(64).optional() }).optional(),
  is_reply_owned_by_me: z.boolean().optional(),
});
export type ThreadsMedia = z.output<typeof threadsMedia>;

/** Threads documents `values` as one object; other Meta webhooks send a list: both are read. */
const delivery = z.object({
  target_id: platformId.optional(),
  values: z.union([z.array(z.unknown()).max(1000), z.object({}).loose()]),
});
const change = z.object({ field: z.string().max(64), value: z.unknown() });

/** How to reply on Threads: the media replied to (`reply_to_id`). */
export interface ThreadsReplyContext extends Record<string, unknown> {
  replyTo: string;
}

/** The thread a reply belongs to: remembered for replies we saw or sent, else the media it replies to. */
export type ThreadsRootOf = (mediaId: string) => Promise<string | undefined>;

/**
 * One Threads item as a mention, or undefined when it is not one to answer: the brand's own posts,
 * an item without text. A reply to a post starts its own thread (the post is the brand's, not a
 * conversation); a reply to a reply joins the thread of the reply it answers.
 */
export async function mentionFromMedia(m: ThreadsMedia, ownUsername: string, rootOf: ThreadsRootOf): Promise<Mention | undefined> {
  if (m.is_reply_owned_by_me || m.username.toLowerCase() === ownUsername.toLowerCase()) return undefined;
  const text = cleanText(m.text ?? '');
  if (!text) return undefined;
  const parent = m.replied_to?.id;
  const threadId = !parent || parent === m.root_post?.id ? m.id : ((await rootOf(parent)) ?? parent);
  return {
    channel: 'threads',
    platformId: m.id,
    threadId,
    author: `@${m.username}`,
    text,
    createdAt: m.timestamp,
    ...(m.permalink ? { permalink: m.permalink } : {}),
    replyContext: { replyTo: m.id } satisfies ThreadsReplyContext,
  };
}

/**
 * The mentions in a Threads webhook delivery (`replies` and `mentions` fields); other fields
 * (`publish`, `delete`) are skipped. Undefined when the body is not a delivery at all.
 */
export async function mentionsFromThreads(
  payload: unknown,
  ownUsername: string,
  rootOf: ThreadsRootOf,
): Promise<{ mentions: Mention[]; check: ItemCheck } | undefined> {
  const body = delivery.safeParse(payload);
  if (!body.success) return undefined;
  const check = new ItemCheck();
  const mentions: Mention[] = [];
  const values = Array.isArray(body.data.values) ? body.data.values : [body.data.values];
  for (const [i, raw] of values.entries()) {
    const ch = check.within(change, raw, i);
    if (!ch) continue;
    if (ch.field !== 'replies' && ch.field !== 'mentions') {
      check.skip();
      continue;
    }
    const media = check.parse(threadsMedia, ch.value, i);
    if (!media) continue;
    const mention = await mentionFromMedia(media, ownUsername, rootOf);
    if (mention) mentions.push(mention);
  }
  return { mentions, check };
}
