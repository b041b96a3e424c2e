import type { Mention } from '../../../store/mention.js';
import type { ChannelContext } from '../channel.js';
import { createCursorPoller } from '../cursor-poller.js';
import { ItemCheck } from '../delivery-items.js';
import type { LinkedInApi } from './linkedin-api.js';
import { commentsOf, mentionFromComment, postsOf } from './linkedin-events.js';

const CURSOR_KEY = 'comments:newest_time';
const PAGE = 50;
/** Pages of one post's comments read per poll at most. */
const PAGES_PER_POST = 4;

export interface LinkedInPollerOptions {
  api: LinkedInApi;
  ctx: ChannelContext;
  organizationUrn: string;
  intervalMs: number;
  recentPosts: number;
}

/**
 * Polls the comments on the organization's most recent posts. LinkedIn does not promise an order
 * for a post's comments: each post's pages are read (a few at most) and the comments newer than the
 * cursor (the newest comment time seen, ms) taken in; the ones at the cursor's own time come again
 * and the store's dedupe answers them once.
 */
export function createLinkedInPoller(opts: LinkedInPollerOptions) {
  let posts: string[] = [];
  let newestSeen = 0;

  return createCursorPoller<Mention>({
    ctx: opts.ctx,
    what: 'linkedin comments',
    cursorKey: CURSOR_KEY,
    intervalMs: opts.intervalMs,
    maxPages: 1 + opts.recentPosts * PAGES_PER_POST,
    async readPage({ cursor, next, since }) {
      const check = new ItemCheck();
      if (next === undefined) {
        posts = postsOf(await opts.api.posts(opts.organizationUrn, opts.recentPosts), check);
        newestSeen = Number(cursor ?? 0);
      }
      const [index, start, pagesRead] = (next ?? '0:0:0').split(':').map(Number) as [number, number, number];
      const post = posts[index];
      if (!post) return { mentions: [], check, newest: newestSeen ? String(newestSeen) : undefined };
      const floor = Math.max(Number(cursor ?? 0), since);
      const raw = await opts.api.comments(post, start, PAGE);
      const listed = (raw as { elements?: unknown[] } | null)?.elements?.length ?? 0;
      const recent = commentsOf(raw, check, `post ${index}`).filter((c) => c.created.time >= floor);
      for (const c of recent) newestSeen = Math.max(newestSeen, c.created.time);
      const mentions = recent.map((c) => mentionFromComment(c, opts.organizationUrn)).filter((m): m is Mention => m !== undefined);
      const more = listed === PAGE && pagesRead + 1 < PAGES_PER_POST;
      const following = more ? `${index}:${start + PAGE}:${pagesRead + 1}` : index + 1 < posts.length ? `${index + 1}:0:0` : undefined;
      // The cursor moves once every post was read in this poll (the last page says it).
      return { mentions, check, next: following, newest: following === undefined && newestSeen ? String(newestSeen) : undefined };
    },
  });
}
