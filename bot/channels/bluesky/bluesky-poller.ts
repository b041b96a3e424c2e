import type { ChannelContext } from '../channel.js';
import { acceptMentions } from '../accept-mentions.js';
import { createPollLoop } from '../poll-loop.js';
import { blueskySendError } from './bluesky-errors.js';
import { mentionFromNotification, type BlueskyNotification } from './bluesky-events.js';
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

export function createBlueskyPoller(opts: BlueskyPollerOptions) {
  const { ctx } = opts;

  async function pollOnce(): Promise<number> {
    const agent = await opts.session.agent();
    const ownDid = agent.session?.did ?? '';
    const newestSeen = (await ctx.state.get<string>(CURSOR_KEY)) ?? undefined;
    const minTime = newestSeen ? Date.parse(newestSeen) : Date.now() - FIRST_RUN_MAX_AGE_MS;
    const found: BlueskyNotification[] = [];
    let cursor: string | undefined;
    let reached = false;
    for (let page = 0; page < (newestSeen ? MAX_PAGES : 1) && !reached; page++) {
      let res;
      try {
        res = await agent.app.bsky.notification.listNotifications({ limit: PAGE, ...(cursor ? { cursor } : {}) });
      } catch (err) {
        throw blueskySendError(err, 'listNotifications');
      }
      for (const n of res.data.notifications as BlueskyNotification[]) {
        // Strictly older: one indexed in the same millisecond as the cursor is read again (and deduped), never missed.
        if (Date.parse(n.indexedAt) < minTime) {
          reached = true;
          break;
        }
        found.push(n);
      }
      cursor = res.data.cursor;
      if (!cursor) break;
    }
    const mentions = [...found].reverse().flatMap((n) => mentionFromNotification(n, ownDid) ?? []);
    const { accepted } = await acceptMentions(ctx, mentions);
    // Moved only once every mention is stored: a crash before this line re-reads them (deduped).
    const newest = found.reduce<string | undefined>((max, n) => (!max || Date.parse(n.indexedAt) > Date.parse(max) ? n.indexedAt : max), undefined);
    if (newest) await ctx.state.set(CURSOR_KEY, newest);
    return accepted;
  }

  const loop = createPollLoop(pollOnce, { intervalMs: opts.intervalMs, log: ctx.log, what: 'bluesky notifications' });
  return { pollOnce, start: loop.start, stop: loop.stop };
}
