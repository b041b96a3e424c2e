import { z } from 'zod';
import type { Mention } from '../../../store/mention.js';
import { ChannelSendError, type ChannelContext } from '../channel.js';
import { createCursorPoller } from '../cursor-poller.js';
import { ItemCheck } from '../delivery-items.js';
import type { YouTubeApi } from './youtube-api.js';
import { mentionFromComment, youtubeComment, youtubeThread } from './youtube-events.js';

const CURSOR_KEY = 'threads:newest';
const MAX_PAGES = 5;
const page = z.object({ items: z.array(z.unknown()).max(100), nextPageToken: z.string().max(1024).optional() }).loose();

export interface YouTubePollerOptions {
  api: YouTubeApi;
  ctx: ChannelContext;
  channelId: string;
  intervalMs: number;
}

/**
 * Polls the channel's comment threads newest first (order=time), each page a unit of the daily
 * quota spent before it is read (refused at the acknowledgements' reserve: the poll then waits for
 * the reset). Pages are read back to the kept cursor, the newest top-level comment's time; a thread's
 * top-level comment and the replies it carries are mentions, the brand channel's own comments are not.
 */
export function createYouTubePoller(opts: YouTubePollerOptions) {
  const { ctx } = opts;
  return createCursorPoller<Mention>({
    ctx,
    what: 'youtube comment threads',
    cursorKey: CURSOR_KEY,
    intervalMs: opts.intervalMs,
    maxPages: MAX_PAGES,
    firstRunPages: 1,
    async readPage({ cursor, next, since }) {
      const spent = await ctx.quota?.spend(1, 'poll');
      if (spent && !spent.granted) {
        throw new ChannelSendError('YouTube daily quota: what is left is kept for replies', 'rate_limited', spent.retryAt);
      }
      const body = page.safeParse(await opts.api.threads(next));
      if (!body.success) throw new ChannelSendError('YouTube commentThreads.list: the answer is not a page of threads', 'transient');
      const after = cursor ? Date.parse(cursor) : since;
      const check = new ItemCheck();
      const mentions: Mention[] = [];
      let newest: number | undefined;
      let older = false;
      const take = (raw: unknown, index: number | string, threadId: string, videoId: string | undefined) => {
        const c = check.parse(youtubeComment, raw, index);
        if (!c) return undefined;
        if (c.snippet.authorChannelId?.value === opts.channelId) return c;
        if (Date.parse(c.snippet.publishedAt) >= after) mentions.push(mentionFromComment(c, threadId, videoId));
        return c;
      };
      for (const [index, raw] of body.data.items.entries()) {
        const thread = check.within(youtubeThread, raw, index);
        if (!thread) continue;
        const top = thread.snippet.topLevelComment;
        const at = Date.parse(top.snippet.publishedAt);
        newest = Math.max(newest ?? at, at);
        if (at < after) older = true;
        // A thread the channel closed to replies cannot be answered: not taken in.
        if (thread.snippet.canReply === false) {
          check.skip();
          continue;
        }
        take(top, index, thread.id, thread.snippet.videoId);
        for (const [i, reply] of (thread.replies?.comments ?? []).entries())
          take(reply, `${index}.${i}`, thread.id, thread.snippet.videoId);
      }
      mentions.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
      return {
        mentions,
        check,
        next: older ? undefined : body.data.nextPageToken,
        newest: newest === undefined ? undefined : new Date(newest).toISOString(),
      };
    },
  });
}
