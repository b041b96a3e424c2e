import { z } from 'zod';
import type { OutgoingReply } from '../../../store/mention.js';
import { ChannelSendError, type ChannelQuota, type SendResult } from '../channel.js';
import type { YouTubeApi } from './youtube-api.js';
import { commentText, youtubeComment } from './youtube-events.js';

const page = z.object({ items: z.array(z.unknown()).max(100), nextPageToken: z.string().max(1024).optional() }).loose();
const MAX_PAGES = 5;
/** Clocks differ between us and YouTube: a reply listed this much before it was queued may still be ours. */
const CLOCK_SLACK_MS = 60_000;
const sameWords = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

/**
 * This reply as already posted under its top-level comment (comments.list with parentId): written by
 * the brand channel, with the same words, not before the reply was queued. Each page read spends a
 * unit of the quota as the reply would; refused, nothing is read or sent until the units come back.
 */
export async function findPostedReply(
  api: YouTubeApi,
  quota: ChannelQuota | undefined,
  channelId: string,
  reply: OutgoingReply,
): Promise<SendResult | undefined> {
  const notBefore = (reply.queuedAt ?? 0) - CLOCK_SLACK_MS;
  let next: string | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const spent = await quota?.spend(1, reply.kind);
    if (spent && !spent.granted) throw new ChannelSendError('YouTube daily quota used up', 'rate_limited', spent.retryAt);
    const body = page.safeParse(await api.replies(reply.threadId, next));
    if (!body.success) throw new ChannelSendError('YouTube comments.list: the answer is not a page of comments', 'transient');
    for (const raw of body.data.items) {
      const c = youtubeComment.safeParse(raw);
      if (!c.success || c.data.snippet.authorChannelId?.value !== channelId) continue;
      if (Date.parse(c.data.snippet.publishedAt) < notBefore || !sameWords(commentText(c.data), reply.text)) continue;
      return { platformId: c.data.id };
    }
    next = body.data.nextPageToken;
    if (!next) return undefined;
  }
  return undefined;
}
