import type { Mention } from '../../mention.js';

/** A Page `feed` change (comments), as Meta documents it. */
export interface PageFeedValue {
  item?: string;
  verb?: string;
  comment_id?: string;
  post_id?: string;
  parent_id?: string;
  from?: { id: string; name?: string };
  message?: string;
  created_time?: number | string;
  post?: { permalink_url?: string };
}

/** An Instagram `comments` change. */
export interface InstagramCommentValue {
  id?: string;
  text?: string;
  parent_id?: string;
  from?: { id: string; username?: string; self_ig_scoped_id?: string };
  media?: { id: string; media_product_type?: string };
}

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
 * comments (entry.id is the Page or Instagram account the change belongs to).
 */
export function mentionsFromMeta(payload: MetaWebhookPayload, ownIds: ReadonlySet<string>): Mention[] {
  const mentions: Mention[] = [];
  for (const entry of payload.entry ?? []) {
    for (const change of entry.changes ?? []) {
      if (payload.object === 'page' && change.field === 'feed') {
        const v = change.value as PageFeedValue;
        if (v.item !== 'comment' || v.verb !== 'add' || !v.comment_id || !v.message) continue;
        if (v.from && (v.from.id === entry.id || ownIds.has(v.from.id))) continue;
        // A comment on the post starts a thread; a reply to a comment joins that comment's thread.
        const threadId = v.parent_id && v.parent_id !== v.post_id ? v.parent_id : v.comment_id;
        mentions.push({
          channel: 'meta',
          platformId: v.comment_id,
          threadId,
          author: v.from?.name ?? 'there',
          text: v.message,
          createdAt: toIso(v.created_time, entry.time),
          ...(v.post?.permalink_url ? { permalink: v.post.permalink_url } : {}),
          replyContext: { surface: 'facebook', replyTo: v.comment_id } satisfies MetaReplyContext,
        });
      } else if (payload.object === 'instagram' && change.field === 'comments') {
        const v = change.value as InstagramCommentValue;
        if (!v.id || !v.text || !v.from) continue;
        if (v.from.id === entry.id || ownIds.has(v.from.id)) continue;
        // Instagram only takes replies to top-level comments: a reply is answered under its parent.
        const threadId = v.parent_id ?? v.id;
        mentions.push({
          channel: 'meta',
          platformId: v.id,
          threadId,
          author: v.from.username ? `@${v.from.username}` : 'there',
          text: v.text,
          createdAt: toIso(undefined, entry.time),
          replyContext: { surface: 'instagram', replyTo: threadId } satisfies MetaReplyContext,
        });
      }
    }
  }
  return mentions;
}

/** Meta sends times as Unix seconds (sometimes as strings). */
function toIso(created: number | string | undefined, entryTime: number | undefined): string {
  const seconds = Number(created ?? entryTime);
  if (!Number.isFinite(seconds) || seconds <= 0) return new Date().toISOString();
  // entry.time is sometimes in milliseconds.
  return new Date(seconds > 1e12 ? seconds : seconds * 1000).toISOString();
}
