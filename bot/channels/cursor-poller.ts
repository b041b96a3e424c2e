import type { Mention } from '../../store/mention.js';
import type { ChannelContext } from './channel.js';
import type { ItemCheck } from './delivery-items.js';
import { createPollLoop } from './poll-loop.js';

/** On the very first poll there is no cursor: older mentions are stale, not worth a reply now. */
export const FIRST_RUN_MAX_AGE_MS = 60 * 60_000;

/** One page read from the platform, newest first, as the poller's source understood it. */
export interface CursorPage<T = Mention> {
  /** The page's mentions (or items that become mentions), newest first; what is not for us left out. */
  mentions: T[];
  /** The check of the page's items: refused ones are logged, never retried (the cursor moves past them). */
  check: ItemCheck;
  /** The token of the next (older) page, when there is one to read in this poll. */
  next?: string | undefined;
  /** The cursor to keep once this poll's mentions are stored, when the page tells it (the first page that does wins). */
  newest?: string | undefined;
}

export interface CursorPageRequest {
  /** The cursor kept by the last poll; undefined on the very first one. */
  cursor: string | undefined;
  /** The page token the previous page gave; undefined for the first page of a poll. */
  next: string | undefined;
  /** Mentions made before this (ms epoch) are not taken in: an hour back on the first poll, else 0. */
  since: number;
}

export interface CursorPollerOptions<T = Mention> {
  ctx: ChannelContext;
  /** Names the poll in logs, e.g. "x mentions". */
  what: string;
  /** Where the cursor lives in the channel's state. */
  cursorKey: string;
  intervalMs: number;
  /** Pages read per poll at most once a cursor is kept; `firstRunPages` before (default the same). */
  maxPages: number;
  firstRunPages?: number;
  readPage(request: CursorPageRequest): Promise<CursorPage<T>>;
  /**
   * Makes an item a mention just before it is taken in, oldest first, so that it can find what the
   * items before it left (a thread root remembered by `onAccepted`). Without it the items are mentions.
   */
  toMention?(item: T): Promise<Mention | undefined>;
  /** Runs for each newly accepted mention (e.g. to remember the thread a post belongs to). */
  onAccepted?(mention: Mention): Promise<void> | void;
}

/**
 * The polling shape X, Mastodon and Bluesky share: read pages back from the newest until the kept
 * cursor (the source says where a page stops), take the mentions in oldest first (so the inbox keeps
 * the order people wrote in), and only then move the cursor: a crash before that re-reads them, and
 * the store's dedupe answers each once. One poll at a time, every `intervalMs`, waiting out a rate limit.
 */
export function createCursorPoller<T = Mention>(opts: CursorPollerOptions<T>) {
  const { ctx } = opts;

  async function pollOnce(): Promise<number> {
    const cursor = (await ctx.state.get<string>(opts.cursorKey)) ?? undefined;
    const since = cursor ? 0 : Date.now() - FIRST_RUN_MAX_AGE_MS;
    const found: T[] = [];
    let newest: string | undefined;
    let next: string | undefined;
    const pages = cursor ? opts.maxPages : (opts.firstRunPages ?? opts.maxPages);
    for (let n = 0; n < pages; n++) {
      const page = await opts.readPage({ cursor, next, since });
      page.check.log(ctx.log, opts.what);
      found.push(...page.mentions);
      newest ??= page.newest;
      next = page.next;
      if (!next) break;
    }
    let accepted = 0;
    for (const item of found.reverse()) {
      const mention = opts.toMention ? await opts.toMention(item) : (item as Mention);
      if (!mention || (await ctx.accept(mention)).duplicate) continue;
      accepted++;
      await opts.onAccepted?.(mention);
    }
    if (newest) await ctx.state.set(opts.cursorKey, newest);
    return accepted;
  }

  const loop = createPollLoop(pollOnce, { intervalMs: opts.intervalMs, log: ctx.log, what: opts.what });
  return { pollOnce, start: loop.start, stop: loop.stop };
}
