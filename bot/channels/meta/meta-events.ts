import { z } from 'zod';
import type { Mention } from '../../../store/mention.js';
import { ItemCheck, platformId } from '../delivery-items.js';
import { displayName, INSTAGRAM_USERNAME, UNNAMED } from '../handles.js';

/** Unix seconds (Meta sometimes sends them as a string of digits). */
const unixTime = z.union([z.number().positive().max(1e14), z.string().regex(/^\d{1,14}$/, 'must be Unix seconds')]);

/** A Page `feed` change that is a new comment, as Meta documents it, checked strictly. */
const pageComment = z.object({
  item: z.literal('comment'),
  verb: z.literal('add'),
  comment_id: platformId,
  post_id: platformId.optional(),
  parent_id: platformId.optional(),
  from: z.object({ id: platformId, name: z.string().max(1000).optional() }).optional(),
  message: z.string().optional(),
  created_time: unixTime.optional(),
  post: z
    .object({
      permalink_url: z
        .url({ protocol: /^https$/ })
        .max(2000)
        .optional(),
    })
    .optional(),
});
/** What makes a feed change a new comment (likes, edits, posts... are not read). */
const isNewComment = z.object({ item: z.literal('comment'), verb: z.literal('add') });

/** An Instagram `comments` change. */
const instagramComment = z.object({
  id: platformId,
  text: z.string().optional(),
  parent_id: platformId.optional(),
  from: z.object({ id: platformId, username: z.string().regex(INSTAGRAM_USERNAME, 'must be an Instagram username').optional() }),
  media: z.object({ id: platformId, media_product_type: z.string().optional() }).optional(),
});

const change = z.object({ field: z.string(), value: z.unknown() });
const entry = z.object({ id: platformId, time: unixTime.optional(), changes: z.array(z.unknown()).optional() });
const delivery = z.object({ object: z.string().optional(), entry: z.array(z.unknown()).optional() });

export type PageFeedValue = z.input<typeof pageComment>;
export type InstagramCommentValue = z.input<typeof instagramComment>;

export interface MetaWebhookPayload {
  object?: string;
  entry?: { id: string; time?: number; changes?: { field: string; value: unknown }[] }[];
}

/** How to reply in place: where the reply is posted, per Meta's API for each surface. */
export interface MetaReplyContext extends Record<string, unknown> {
  surface: 'facebook' | 'instagram';
  /** Page: POST /{replyTo}/comments. Instagram: POST /{replyTo}/replies (top-level comments only). */
  replyTo: string;
}

/**
 * Comments in a Meta delivery. Skips everything that is not a new comment and the account's own
 * comments (entry.id is the Page or Instagram account the change belongs to). Each comment is
 * checked on its own: a malformed one is refused, the others kept. Undefined when the body is not a
 * delivery at all.
 */
export function mentionsFromMeta(payload: unknown, ownIds: ReadonlySet<string>): { mentions: Mention[]; check: ItemCheck } | undefined {
  const body = delivery.safeParse(payload);
  if (!body.success) return undefined;
  const check = new ItemCheck();
  const mentions: Mention[] = [];
  for (const [e, rawEntry] of (body.data.entry ?? []).entries()) {
    const ent = check.within(entry, rawEntry, e);
    if (!ent) continue;
    for (const [c, rawChange] of (ent.changes ?? []).entries()) {
      const at = `${e}.${c}`;
      const ch = check.within(change, rawChange, at);
      if (!ch) continue;
      if (body.data.object === 'page' && ch.field === 'feed' && isNewComment.safeParse(ch.value).success) {
        const v = check.parse(pageComment, ch.value, at);
        if (!v) continue;
        // A comment with only a photo or a sticker has nothing to answer.
        if (!v.message || (v.from && (v.from.id === ent.id || ownIds.has(v.from.id)))) continue;
        // A comment on the post starts a thread; a reply to a comment joins that comment's thread.
        const threadId = v.parent_id && v.parent_id !== v.post_id ? v.parent_id : v.comment_id;
        mentions.push({
          channel: 'meta',
          platformId: v.comment_id,
          threadId,
          // A Facebook name is free text: stored cleaned and bounded, and repeated in a reply only when harmless.
          author: displayName(v.from?.name) ?? UNNAMED,
          text: v.message,
          createdAt: toIso(v.created_time, ent.time),
          ...(v.post?.permalink_url ? { permalink: v.post.permalink_url } : {}),
          replyContext: { surface: 'facebook', replyTo: v.comment_id } satisfies MetaReplyContext,
        });
      } else if (body.data.object === 'instagram' && ch.field === 'comments') {
        const v = check.parse(instagramComment, ch.value, at);
        if (!v?.text) continue;
        if (v.from.id === ent.id || ownIds.has(v.from.id)) continue;
        // Instagram only takes replies to top-level comments: a reply is answered under its parent.
        const threadId = v.parent_id ?? v.id;
        mentions.push({
          channel: 'meta',
          platformId: v.id,
          threadId,
          author: v.from.username ? `@${v.from.username}` : UNNAMED,
          text: v.text,
          createdAt: toIso(undefined, ent.time),
          replyContext: { surface: 'instagram', replyTo: threadId } satisfies MetaReplyContext,
        });
      } else check.skip();
    }
  }
  return { mentions, check };
}

/** Meta sends times as Unix seconds (sometimes as strings). */
function toIso(created: number | string | undefined, entryTime: number | string | undefined): string {
  const seconds = Number(created ?? entryTime);
  if (!Number.isFinite(seconds) || seconds <= 0) return new Date().toISOString();
  // entry.time is sometimes in milliseconds.
  return new Date(seconds > 1e12 ? seconds : seconds * 1000).toISOString();
}
