import type { ChannelContext } from '../channel.js';
import { acceptMentions } from '../accept-mentions.js';
import { createPollLoop } from '../poll-loop.js';
import { blueskySendError } from './bluesky-errors.js';
import { ItemCheck } from '../delivery-items.js';
import { indexedAtOf, mentionFromNotification } from './bluesky-events.js';
import type { BlueskySession } from './bluesky-session.js';

/**
 * listNotifications pages backwards in time, so its cursor cannot ask "what is new". Our cursor is
 * the indexedAt of the newest notification taken in; each poll reads pages until it reaches it.
 */
const CURSOR_KEY = 'notifications:newest_indexed_at';
const FIRST_RUN_MAX_AGE_MS = 60 * 60_000;
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
  const { ctx } = opts;

  async function pollOnce(): Promise<number> {
    const agent = await opts.session.agent();
    const ownDid = agent.session?.did ?? '';
    const newestSeen = (await ctx.state.get<string>(CURSOR_KEY)) ?? undefined;
    const minTime = newestSeen ? Date.parse(newestSeen) : Date.now() - FIRST_RUN_MAX_AGE_MS;
    const found: unknown[] = [];
    let cursor: string | undefined;
    let reached = false;
    for (let page = 0; page < (newestSeen ? MAX_PAGES : 1) && !reached; page++) {
      let data: { notifications?: unknown; cursor?: unknown };
      try {
        data = (await agent.app.bsky.notification.listNotifications({ limit: PAGE, ...(cursor ? { cursor } : {}) })).data;
      } catch (err) {
        // One malformed notification fails the client's check of the whole page, poll after poll:
        // the page the server sent is read with our own check of each notification instead.
        const sentPage = invalidResponseBody(err);
        if (!sentPage) throw blueskySendError(err, 'listNotifications');
        data = sentPage;
      }
      const page = data.notifications;
      if (!Array.isArray(page)) throw blueskySendError(new Error('notifications is not a list'), 'listNotifications');
      for (const n of page) {
        // Strictly older: one indexed in the same millisecond as the cursor is read again (and deduped), never missed.
        // One without a valid time is kept to be refused (and logged) with the others checked.
        if ((indexedAtOf(n) ?? Infinity) < minTime) {
          reached = true;
          break;
        }
        found.push(n);
      }
      cursor = typeof data.cursor === 'string' ? data.cursor : undefined;
      if (!cursor) break;
    }
    // Each notification checked on its own: a malformed one is refused and logged, the others stored.
    const check = new ItemCheck();
    const mentions = found
      .map((n, index) => mentionFromNotification(n, ownDid, check, index))
      .reverse()
      .flatMap((m) => m ?? []);
    check.log(ctx.log, 'bluesky notifications');
    const { accepted } = await acceptMentions(ctx, mentions);
    // Moved only once every mention is stored: a crash before this line re-reads them (deduped).
    const newest = Math.max(...found.map((n) => indexedAtOf(n) ?? -Infinity));
    if (Number.isFinite(newest)) await ctx.state.set(CURSOR_KEY, new Date(newest).toISOString());
    return accepted;
  }

  const loop = createPollLoop(pollOnce, { intervalMs: opts.intervalMs, log: ctx.log, what: 'bluesky notifications' });
  return { pollOnce, start: loop.start, stop: loop.stop };
}
