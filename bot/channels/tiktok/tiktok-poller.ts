import type { Mention } from '../../../store/mention.js';
import type { ChannelContext } from '../channel.js';
import { createCursorPoller } from '../cursor-poller.js';
import { ItemCheck } from '../delivery-items.js';
import type { TikTokApi } from './tiktok-api.js';
import { commentsOf, mentionFromComment, videosOf } from './tiktok-events.js';

const CURSOR_KEY = 'comments:newest_time';
/** Pages of one video read per poll at most (30 comments each). */
const PAGES_PER_VIDEO = 5;

export interface TikTokPollerOptions {
  api: TikTokApi;
  ctx: ChannelContext;
  intervalMs: number;
  recentVideos: number;
}

/**
 * Polls the comments of the account's most recent videos, newest first, each video until the
 * comments are older than the cursor (the newest comment time seen, Unix seconds). Comments made
 * in the cursor's own second are read again and the store's dedupe answers them once. TikTok has
 * no account-wide comment feed: one call lists the videos, then one (or a few) per video.
 */
export function createTikTokPoller(opts: TikTokPollerOptions) {
  let videos: { id: string; url?: string | undefined }[] = [];
  let newestSeen = 0;

  return createCursorPoller<Mention>({
    ctx: opts.ctx,
    what: 'tiktok comments',
    cursorKey: CURSOR_KEY,
    intervalMs: opts.intervalMs,
    maxPages: opts.recentVideos * PAGES_PER_VIDEO,
    async readPage({ cursor, next, since }) {
      const check = new ItemCheck();
      if (next === undefined) {
        videos = videosOf(await opts.api.videos(opts.recentVideos), check);
        newestSeen = Number(cursor ?? 0);
      }
      const [index, pageCursor, pagesRead] = (next ?? '0:0:0').split(':').map(Number) as [number, number, number];
      const video = videos[index];
      if (!video) return { mentions: [], check, newest: newestSeen ? String(newestSeen) : undefined };
      const floor = Math.max(Number(cursor ?? 0), Math.floor(since / 1000));
      const page = commentsOf(await opts.api.comments(video.id, pageCursor), check, `video ${index}`);
      const recent = page.comments.filter((c) => c.create_time >= floor);
      for (const c of recent) newestSeen = Math.max(newestSeen, c.create_time);
      const mentions = recent.map((c) => mentionFromComment(c, video.url)).filter((m): m is Mention => m !== undefined);
      // This video goes on while its page was all recent and TikTok has more; else the next video.
      const more = page.next !== undefined && recent.length === page.comments.length && pagesRead + 1 < PAGES_PER_VIDEO;
      const following = more ? `${index}:${page.next}:${pagesRead + 1}` : index + 1 < videos.length ? `${index + 1}:0:0` : undefined;
      // The cursor moves once every video was read in this poll (the last page says it).
      return { mentions, check, next: following, newest: following === undefined && newestSeen ? String(newestSeen) : undefined };
    },
  });
}
