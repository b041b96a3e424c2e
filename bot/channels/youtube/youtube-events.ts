import { z } from 'zod';
import type { Mention } from '../../../store/mention.js';
import { stripInvisible } from '../../../shared/strip-invisible.js';
import { platformId, textTime } from '../delivery-items.js';

/** A comment as the YouTube Data API gives it (commentThreads.list, comments.list). */
export const youtubeComment = z
  .object({
    id: platformId,
    snippet: z
      .object({
        authorDisplayName: z.string().max(256),
        authorChannelId: z.object({ value: z.string().max(64) }).optional(),
        textOriginal: z.string().max(20_000).optional(),
        textDisplay: z.string().max(40_000).optional(),
        videoId: z.string().max(64).optional(),
        parentId: z.string().max(512).optional(),
        publishedAt: textTime,
      })
      .loose(),
  })
  .loose();

export const youtubeThread = z
  .object({
    id: platformId,
    snippet: z
      .object({ topLevelComment: youtubeComment, canReply: z.boolean().optional(), videoId: z.string().max(64).optional() })
      .loose(),
    replies: z.object({ comments: z.array(z.unknown()).max(100) }).optional(),
  })
  .loose();

export type YouTubeComment = z.output<typeof youtubeComment>;
export type YouTubeThread = z.output<typeof youtubeThread>;

/** The words of a comment, from textOriginal (plain) when the API gives it. */
export const commentText = (c: YouTubeComment) => stripInvisible(c.snippet.textOriginal ?? c.snippet.textDisplay ?? '');

/** A comment in a thread as a mention: every reply goes under the thread's top-level comment (YouTube nests one level). */
export function mentionFromComment(c: YouTubeComment, threadId: string, videoId: string | undefined): Mention {
  const video = c.snippet.videoId ?? videoId;
  return {
    channel: 'youtube',
    platformId: c.id,
    threadId,
    author: stripInvisible(c.snippet.authorDisplayName).trim() || (c.snippet.authorChannelId?.value ?? 'unknown'),
    text: commentText(c),
    createdAt: c.snippet.publishedAt,
    ...(video ? { permalink: `https://www.youtube.com/watch?v=${encodeURIComponent(video)}&lc=${encodeURIComponent(c.id)}` } : {}),
    replyContext: { parentId: threadId, ...(video ? { videoId: video } : {}) },
  };
}
