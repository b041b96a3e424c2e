import type { ChannelContext } from '../channel.js';
import { acceptMentions } from '../accept-mentions.js';
import { createPollLoop } from '../poll-loop.js';
import type { XApi } from './x-api.js';
import { mentionsFromTimeline } from './x-events.js';

const CURSOR_KEY = 'mentions:since_id';
/** On the very first poll there is no cursor: older mentions are stale, not worth a reply now. */
const FIRST_RUN_MAX_AGE_MS = 60 * 60_000;
const MAX_PAGES = 10;

export interface XPollerOptions {
  api: XApi;
  userId: string;
  ctx: ChannelContext;
  intervalMs: number;
  onAccepted(platformId: string, threadId: string): Promise<void>;
}

/** Polls the brand's mentions timeline with `since_id`; the cursor lives in the channel state. */
export function createXPoller(opts: XPollerOptions) {
  const { api, ctx } = opts;

  async function pollOnce(): Promise<number> {
    const sinceId = (await ctx.state.get<string>(CURSOR_KEY)) ?? undefined;
    const minCreated = sinceId ? 0 : Date.now() - FIRST_RUN_MAX_AGE_MS;
    let newestId: string | undefined;
    let token: string | undefined;
    const found = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = await api.mentions(opts.userId, sinceId, token);
      const meta = body && typeof body === 'object' ? body.meta : undefined;
      if (typeof meta?.newest_id === 'string' && /^\d{1,20}$/.test(meta.newest_id)) newestId ??= meta.newest_id;
      // A malformed tweet is refused and logged; the others, and the cursor, move on without it.
      const { mentions, check } = mentionsFromTimeline(body, opts.userId);
      check.log(ctx.log, 'x mentions');
      found.push(...mentions);
      token = typeof meta?.next_token === 'string' ? meta.next_token : undefined;
      if (!token) break;
    }
    // Oldest first, so the inbox keeps the order people wrote in.
    const fresh = found.reverse().filter((m) => Date.parse(m.createdAt) >= minCreated);
    const { accepted } = await acceptMentions(ctx, fresh, (m) => opts.onAccepted(m.platformId, m.threadId));
    // Moved only once every mention is stored: a crash before this line re-reads them (deduped).
    if (newestId) await ctx.state.set(CURSOR_KEY, newestId);
    return accepted;
  }

  const loop = createPollLoop(pollOnce, { intervalMs: opts.intervalMs, log: ctx.log, what: 'x mentions' });
  return { pollOnce, start: loop.start, stop: loop.stop };
}
