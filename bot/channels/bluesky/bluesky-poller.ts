import type { ChannelContext } from '../channel.js';
import { createCursorPoller } from '../cursor-poller.js';
import { blueskySendError } from './bluesky-errors.js';
import { ItemCheck } from '../delivery-items.js';
import { indexedAtOf, mentionFromNotification } from './bluesky-events.js';
import type { BlueskySession } from './bluesky-session.js';

/**
 * listNotifications pages backwards in time, so its cursor cannot ask "what is new". Our cursor is
 * the indexedAt of the newest notification taken in; each poll reads pages until it reaches it.
 */
const CURSOR_KEY = 'notifications:newest_indexed_at';
const PAGE = 50;
const MAX_PAGES = 10;

export interface BlueskyPollerOptions {
  session: BlueskySession;
  ctx: ChannelContext;
  intervalMs: number;
}

/** The body of a page the XRPC client refused as not matching its lexicon (XRPCInvalidResponseError). */
function invalidResponseBody(err: unknown): { notifications?: unknown; cursor?: unknown } | undefined {
  const e = err as { validationError?: unknown; responseBody?: unknown } | null;
  const body = e && typeof e === 'object' && e.validationError !== undefined ? e.responseBody : undefined;
  return body && typeof body === 'object' && !Array.isArray(body) ? body : undefined;
}

export function createBlueskyPoller(opts: BlueskyPollerOptions) {
  return createCursorPoller({
    ctx: opts.ctx,
    what: 'bluesky notifications',
    cursorKey: CURSOR_KEY,
    intervalMs: opts.intervalMs,
    maxPages: MAX_PAGES,
    firstRunPages: 1,
    async readPage({ cursor, next, since }) {
      const agent = await opts.session.agent();
      const ownDid = agent.session?.did ?? '';
      const minTime = cursor ? Date.parse(cursor) : since;
      let data: { notifications?: unknown; cursor?: unknown };
      try {
        data = (await agent.app.bsky.notification.listNotifications({ limit: PAGE, ...(next ? { cursor: next } : {}) })).data;
      } catch (err) {
        // One malformed notification fails the client's check of the whole page, poll after poll:
        // the page the server sent is read with our own check of each notification instead.
        const sentPage = invalidResponseBody(err);
        if (!sentPage) throw blueskySendError(err, 'listNotifications');
        data = sentPage;
      }
      const page = data.notifications;
      if (!Array.isArray(page)) throw blueskySendError(new Error('notifications is not a list'), 'listNotifications');
      const found: unknown[] = [];
      let reached = false;
      for (const n of page) {
        // Strictly older: one indexed in the same millisecond as the cursor is read again (and deduped), never missed.
        // One without a valid time is kept to be refused (and logged) with the others checked.
        if ((indexedAtOf(n) ?? Infinity) < minTime) {
          reached = true;
          break;
        }
        found.push(n);
      }
      // Each notification checked on its own: a malformed one is refused and logged, the others stored.
      const check = new ItemCheck();
      const mentions = found.map((n, index) => mentionFromNotification(n, ownDid, check, index)).flatMap((m) => m ?? []);
      const newest = Math.max(...found.map((n) => indexedAtOf(n) ?? -Infinity));
      return {
        mentions,
        check,
        next: !reached && typeof data.cursor === 'string' ? data.cursor : undefined,
        newest: Number.isFinite(newest) ? new Date(newest).toISOString() : undefined,
      };
    },
  });
}
