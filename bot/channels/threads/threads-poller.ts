import { z } from 'zod';
import type { Mention } from '../../../store/mention.js';
import { ChannelSendError, type ChannelContext } from '../channel.js';
import { createCursorPoller } from '../cursor-poller.js';
import { ItemCheck, platformId } from '../delivery-items.js';
import type { ThreadsApi } from './threads-api.js';
import { mentionFromMedia, type ThreadsMedia, threadsMedia, type ThreadsRootOf } from './threads-events.js';

const CURSOR_KEY = 'replies:newest';
/** Replies a little older than the cursor are read again (clocks, late indexing): the dedupe answers each once. */
const OVERLAP_MS = 5 * 60_000;

const list = z.object({ data: z.array(z.unknown()).max(1000) });
const post = z.object({ id: platformId });

export interface ThreadsPollerOptions {
  api: ThreadsApi;
  ctx: ChannelContext;
  intervalMs: number;
  ownUsername: string;
  posts: number;
  readMentions: boolean;
  rootOf: ThreadsRootOf;
  onAccepted(mention: Mention): Promise<void>;
  /** Names the poll in logs: "threads poll" or "threads reconciliation". */
  what: string;
}

const items = (body: unknown, what: string) => {
  const parsed = list.safeParse(body);
  if (!parsed.success) throw new ChannelSendError(`Threads ${what}: the answer is not a list`, 'transient');
  return parsed.data.data;
};

/**
 * Reads what the webhook would have brought: the conversations of the brand's latest posts and the
 * posts mentioning it, in one poll; the newest time seen is the cursor. In webhook mode it is the
 * reconciliation read: a reply whose delivery never came is taken in through the same dedupe.
 */
export function createThreadsPoller(opts: ThreadsPollerOptions) {
  return createCursorPoller<ThreadsMedia>({
    ctx: opts.ctx,
    what: opts.what,
    cursorKey: CURSOR_KEY,
    intervalMs: opts.intervalMs,
    maxPages: 1,
    async readPage({ cursor, since }) {
      const check = new ItemCheck();
      const raw: unknown[] = [];
      for (const [i, p] of items(await opts.api.ownPosts(opts.posts), 'posts').entries()) {
        const id = check.within(post, p, `post ${i}`);
        if (id) raw.push(...items(await opts.api.conversation(id.id), 'conversation'));
      }
      if (opts.readMentions) raw.push(...items(await opts.api.mentions(), 'mentions'));
      const from = Math.max(since, cursor ? Date.parse(cursor) - OVERLAP_MS : 0);
      const found = new Map<string, ThreadsMedia>();
      let newest = cursor;
      for (const [i, item] of raw.entries()) {
        const media = check.parse(threadsMedia, item, i);
        if (!media) continue;
        if (!newest || media.timestamp > newest) newest = media.timestamp;
        if (Date.parse(media.timestamp) >= from) found.set(media.id, media);
      }
      // Newest first, as the poller expects: it takes them in oldest first, parents before replies.
      const mentions = [...found.values()].sort((a, b) => b.timestamp.localeCompare(a.timestamp));
      return { mentions, check, newest };
    },
    toMention: (media) => mentionFromMedia(media, opts.ownUsername, opts.rootOf),
    onAccepted: opts.onAccepted,
  });
}
