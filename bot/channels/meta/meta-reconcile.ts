import type { Mention } from '../../../store/mention.js';
import type { ChannelContext } from '../channel.js';
import { createCursorPoller } from '../cursor-poller.js';
import { ItemCheck } from '../delivery-items.js';
import type { MetaApi } from './meta-api.js';
import { type ListedPost, mentionsOfComments, postsOf } from './meta-reconcile-events.js';

const CURSOR_KEY = 'reconcile:newest_time';
/** Meta lists a comment a little after it is made: each read looks this far behind the cursor too. */
const LOOK_BEHIND_MS = 10 * 60_000;

export interface MetaReconcileOptions {
  api: MetaApi;
  ctx: ChannelContext;
  intervalMs: number;
  posts: number;
  pageId: string | undefined;
  igUserId: string | undefined;
  ownIds: ReadonlySet<string>;
}

/**
 * Missed webhook deliveries recovered: now and then the recent comments on the Page's recent posts
 * (GET /{page-id}/posts, then /{post-id}/comments?filter=stream, replies included) and on the
 * Instagram account's recent media (GET /{ig-user-id}/media, then /{media-id}/comments) are read and
 * taken in through the same accept as the webhook: the ones it brought are duplicates, answered once.
 */
export function createMetaReconcile(opts: MetaReconcileOptions) {
  let posts: ListedPost[] = [];
  let newestSeen = 0;
  const limit = String(opts.posts);

  async function listPosts(check: ItemCheck): Promise<ListedPost[]> {
    const out: ListedPost[] = [];
    if (opts.pageId) {
      const body = await opts.api.read(`${encodeURIComponent(opts.pageId)}/posts`, { fields: 'id,permalink_url', limit }, 'list posts');
      out.push(...postsOf(body, 'facebook', check));
    }
    if (opts.igUserId) {
      const body = await opts.api.read(`${encodeURIComponent(opts.igUserId)}/media`, { fields: 'id,permalink', limit }, 'list media');
      out.push(...postsOf(body, 'instagram', check));
    }
    return out;
  }

  const commentsOf = (post: ListedPost) =>
    post.surface === 'facebook'
      ? opts.api.read(
          `${encodeURIComponent(post.id)}/comments`,
          { fields: 'id,message,created_time,from,parent{id}', filter: 'stream', order: 'reverse_chronological', limit: '100' },
          'list comments',
        )
      : opts.api.read(
          `${encodeURIComponent(post.id)}/comments`,
          { fields: 'id,text,timestamp,username,from', limit: '50' },
          'list comments',
        );

  return createCursorPoller<Mention>({
    ctx: opts.ctx,
    what: 'meta reconciliation',
    cursorKey: CURSOR_KEY,
    intervalMs: opts.intervalMs,
    maxPages: 1 + 2 * opts.posts,
    async readPage({ cursor, next, since }) {
      const check = new ItemCheck();
      if (next === undefined) {
        posts = await listPosts(check);
        newestSeen = Number(cursor ?? 0);
      }
      const index = Number(next ?? 0);
      const post = posts[index];
      if (!post) return { mentions: [], check, newest: newestSeen ? String(newestSeen) : undefined };
      const floor = cursor ? Number(cursor) - LOOK_BEHIND_MS : since;
      const found = mentionsOfComments(await commentsOf(post), post, opts.ownIds, check).filter((c) => c.time >= floor);
      for (const c of found) newestSeen = Math.max(newestSeen, c.time);
      const mentions = found.flatMap((c) => (c.mention ? [c.mention] : []));
      const following = index + 1 < posts.length ? String(index + 1) : undefined;
      // The cursor moves once every post was read in this read (the last page says it).
      return { mentions, check, next: following, newest: following === undefined && newestSeen ? String(newestSeen) : undefined };
    },
  });
}
