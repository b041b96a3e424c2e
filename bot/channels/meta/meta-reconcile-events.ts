import { z } from 'zod';
import type { Mention } from '../../../store/mention.js';
import type { ItemCheck } from '../delivery-items.js';
import { platformId } from '../delivery-items.js';
import { displayName, INSTAGRAM_USERNAME, UNNAMED } from '../handles.js';
import { withoutControls } from '../plain-text.js';
import type { MetaReplyContext } from './meta-events.js';

/** Graph API times: ISO 8601 with a +0000 offset. */
const graphTime = z
  .string()
  .max(64)
  .refine((s) => Number.isFinite(Date.parse(s)), 'must be a time')
  .transform((s) => Date.parse(s));
const https = z.url({ protocol: /^https$/ }).max(2000);

const list = z.object({ data: z.array(z.unknown()).max(1000) });
/** A Page post (GET /{page-id}/posts) or an Instagram media (GET /{ig-user-id}/media). */
const post = z.object({ id: platformId, permalink_url: https.optional(), permalink: https.optional() });

/** A Page comment as GET /{post-id}/comments?filter=stream lists it: a reply names its parent. */
const pageComment = z.object({
  id: platformId,
  message: z.string().max(10_000).optional(),
  created_time: graphTime,
  from: z.object({ id: platformId, name: z.string().max(1000).optional() }).optional(),
  parent: z.object({ id: platformId }).optional(),
});

/** An Instagram comment as GET /{media-id}/comments lists it (top-level comments). */
const instagramComment = z.object({
  id: platformId,
  text: z.string().max(10_000).optional(),
  timestamp: graphTime,
  username: z.string().regex(INSTAGRAM_USERNAME, 'must be an Instagram username').optional(),
  from: z.object({ id: platformId, username: z.string().optional() }).optional(),
  parent_id: platformId.optional(),
});

export interface ListedPost {
  surface: 'facebook' | 'instagram';
  id: string;
  url?: string | undefined;
}

/** The posts (or media) of a list answer, the malformed ones refused. */
export function postsOf(body: unknown, surface: ListedPost['surface'], check: ItemCheck): ListedPost[] {
  const parsed = list.safeParse(body);
  if (!parsed.success) return [];
  return parsed.data.data.flatMap((raw, index) => {
    const p = check.within(post, raw, `${surface} post ${index}`);
    return p ? [{ surface, id: p.id, url: p.permalink_url ?? p.permalink }] : [];
  });
}

/**
 * The comments of one listed post as mentions, shaped as the webhook shapes them (same ids, same
 * thread, same reply context) so that the store's dedupe knows the ones a webhook already brought.
 * The account's own comments and those without text are left out; `time` is each comment's (ms).
 */
export function mentionsOfComments(
  body: unknown,
  post: ListedPost,
  ownIds: ReadonlySet<string>,
  check: ItemCheck,
): { mention: Mention | undefined; time: number }[] {
  const parsed = list.safeParse(body);
  if (!parsed.success) {
    check.within(list, body, `${post.surface} comments`);
    return [];
  }
  return parsed.data.data.flatMap((raw, index) => {
    const at = `${post.surface} comment ${index}`;
    if (post.surface === 'facebook') {
      const c = check.parse(pageComment, raw, at);
      if (!c) return [];
      const own = c.from !== undefined && ownIds.has(c.from.id);
      const mention: Mention | undefined =
        own || !c.message
          ? undefined
          : {
              channel: 'meta',
              platformId: c.id,
              threadId: c.parent?.id ?? c.id,
              author: displayName(c.from?.name) ?? UNNAMED,
              text: withoutControls(c.message),
              createdAt: new Date(c.created_time).toISOString(),
              ...(post.url ? { permalink: post.url } : {}),
              replyContext: { surface: 'facebook', replyTo: c.id } satisfies MetaReplyContext,
            };
      return [{ mention, time: c.created_time }];
    }
    const c = check.parse(instagramComment, raw, at);
    if (!c) return [];
    const own = c.from !== undefined && ownIds.has(c.from.id);
    const threadId = c.parent_id ?? c.id;
    const username = c.username ?? c.from?.username;
    const mention: Mention | undefined =
      own || !c.text
        ? undefined
        : {
            channel: 'meta',
            platformId: c.id,
            threadId,
            author: username && INSTAGRAM_USERNAME.test(username) ? `@${username}` : UNNAMED,
            text: withoutControls(c.text),
            createdAt: new Date(c.timestamp).toISOString(),
            ...(post.url ? { permalink: post.url } : {}),
            replyContext: { surface: 'instagram', replyTo: threadId } satisfies MetaReplyContext,
          };
    return [{ mention, time: c.timestamp }];
  });
}
