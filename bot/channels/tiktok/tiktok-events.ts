import { z } from 'zod';
import type { Mention, OutgoingReply } from '../../../store/mention.js';
import type { SendResult } from '../channel.js';
import { ItemCheck } from '../delivery-items.js';
import { displayName, UNNAMED } from '../handles.js';
import { CLOCK_SLACK_MS, sameWords, withoutControls } from '../plain-text.js';

/** TikTok numbers its videos and comments: the digits as a string, never a JSON number. */
const tiktokId = z.string().regex(/^\d{1,32}$/, 'must be decimal digits in a string');
/** Unix seconds, as a number or a string of digits. */
const unixSeconds = z
  .union([z.number().int().positive().max(1e11), z.string().regex(/^\d{1,11}$/, 'must be Unix seconds')])
  .transform(Number);
/** TikTok usernames: letters, digits, underscores and periods, up to 24. */
export const TIKTOK_USERNAME = /^[A-Za-z0-9._]{1,24}$/;

/** A comment as GET /business/comment/list/ (and /reply/list/) gives it, the fields we read. */
const comment = z.object({
  comment_id: tiktokId,
  video_id: tiktokId,
  parent_comment_id: tiktokId.optional(),
  create_time: unixSeconds,
  text: z.string().max(10_000),
  /** Written by the business account itself. */
  owner: z.boolean().optional(),
  status: z.string().max(32).optional(),
  username: z.string().regex(TIKTOK_USERNAME, 'must be a TikTok username').optional(),
  display_name: z.string().max(1000).optional(),
});
export type TikTokComment = z.output<typeof comment>;

const video = z.object({
  item_id: tiktokId,
  share_url: z
    .url({ protocol: /^https$/ })
    .max(2000)
    .optional(),
});
const videoList = z.object({ videos: z.array(z.unknown()).max(1000).optional() });
const commentPage = z.object({
  comments: z.array(z.unknown()).max(1000).optional(),
  cursor: z.number().int().min(0).optional(),
  has_more: z.boolean().optional(),
});

/** Where a reply to a TikTok comment is posted: the video and the top-level comment. */
export interface TikTokReplyContext extends Record<string, unknown> {
  videoId: string;
  commentId: string;
}

/** The videos of a video list answer (the malformed ones refused). */
export function videosOf(data: unknown, check: ItemCheck): { id: string; url?: string | undefined }[] {
  const list = videoList.safeParse(data);
  if (!list.success) return [];
  const out: { id: string; url?: string | undefined }[] = [];
  for (const [index, raw] of (list.data.videos ?? []).entries()) {
    const v = check.within(video, raw, `video ${index}`);
    if (v) out.push({ id: v.item_id, url: v.share_url });
  }
  return out;
}

/** A page of comments: each checked on its own, the cursor of the next page when there is one. */
export function commentsOf(data: unknown, check: ItemCheck, at: string): { comments: TikTokComment[]; next?: number | undefined } {
  const page = commentPage.safeParse(data);
  if (!page.success) {
    check.within(commentPage, data, at);
    return { comments: [] };
  }
  const comments: TikTokComment[] = [];
  for (const [index, raw] of (page.data.comments ?? []).entries()) {
    const c = check.parse(comment, raw, `${at}.${index}`);
    if (c) comments.push(c);
  }
  return { comments, next: page.data.has_more ? page.data.cursor : undefined };
}

/** A customer's top-level comment as a mention (the account's own comments and replies are not). */
export function mentionFromComment(c: TikTokComment, videoUrl: string | undefined): Mention | undefined {
  if (c.owner || c.parent_comment_id || !c.text.trim()) return undefined;
  return {
    channel: 'tiktok',
    platformId: c.comment_id,
    threadId: c.comment_id,
    author: c.username ? `@${c.username}` : (displayName(c.display_name) ?? UNNAMED),
    text: withoutControls(c.text),
    createdAt: new Date(c.create_time * 1000).toISOString(),
    ...(videoUrl ? { permalink: videoUrl } : {}),
    replyContext: { videoId: c.video_id, commentId: c.comment_id } satisfies TikTokReplyContext,
  };
}

/** Our reply, when the replies under its comment hold it: by the account, same words, not before it was queued. */
export function findOwnTikTokReply(data: unknown, reply: Pick<OutgoingReply, 'text' | 'queuedAt'>): SendResult | undefined {
  const { comments } = commentsOf(data, new ItemCheck(), 'replies');
  const notBefore = (reply.queuedAt ?? 0) - CLOCK_SLACK_MS;
  const own = comments.find((c) => c.owner === true && sameWords(c.text, reply.text) && c.create_time * 1000 >= notBefore);
  return own ? { platformId: own.comment_id } : undefined;
}

/** The comment a reply goes under, from its context (undefined without one). */
export function tiktokTarget(reply: OutgoingReply): TikTokReplyContext | undefined {
  const ctx = reply.replyContext as Partial<TikTokReplyContext> | undefined;
  const ok = (v: unknown): v is string => typeof v === 'string' && /^\d{1,32}$/.test(v);
  return ok(ctx?.videoId) && ok(ctx?.commentId) ? { videoId: ctx.videoId, commentId: ctx.commentId } : undefined;
}
