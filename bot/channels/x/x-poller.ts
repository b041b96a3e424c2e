import type { ChannelContext } from '../channel.js';
import { createCursorPoller } from '../cursor-poller.js';
import type { XApi } from './x-api.js';
import { mentionsFromTimeline } from './x-events.js';

const CURSOR_KEY = 'mentions:since_id';
const MAX_PAGES = 10;

export interface XPollerOptions {
  api: XApi;
  userId: string;
  ctx: ChannelContext;
  intervalMs: number;
  onAccepted(platformId: string, threadId: string): Promise<void>;
}

/** Polls the brand's mentions timeline with `since_id` (the cursor: the newest tweet X named). */
export function createXPoller(opts: XPollerOptions) {
  return createCursorPoller({
    ctx: opts.ctx,
    what: 'x mentions',
    cursorKey: CURSOR_KEY,
    intervalMs: opts.intervalMs,
    maxPages: MAX_PAGES,
    async readPage({ cursor, next, since }) {
      const body = await opts.api.mentions(opts.userId, cursor, next);
      const meta = body && typeof body === 'object' ? body.meta : undefined;
      // A malformed tweet is refused and logged; the others, and the cursor, move on without it.
      const { mentions, check } = mentionsFromTimeline(body, opts.userId);
      return {
        mentions: mentions.filter((m) => Date.parse(m.createdAt) >= since),
        check,
        next: typeof meta?.next_token === 'string' ? meta.next_token : undefined,
        newest: typeof meta?.newest_id === 'string' && /^\d{1,20}$/.test(meta.newest_id) ? meta.newest_id : undefined,
      };
    },
    onAccepted: (m) => opts.onAccepted(m.platformId, m.threadId),
  });
}
