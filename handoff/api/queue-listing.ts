import { changesQueue, type HandoffEvents } from '../../store/handoff-events.js';
import { compareQueue, type QueuePosition } from '../queue-order.js';
import type { HandoffStore, ListedThread, ThreadVersion } from '../../store/handoff-store.js';
import { OPEN_STATES } from '../../store/thread-state.js';
import { queueViews, type ListedSummary, type QueueViews } from './queue-views.js';
import { summarizeThread, type SummaryContext, type ThreadSummary } from '../thread-summary.js';

export type { ListedSummary } from './queue-views.js';

const positionOf = (t: ThreadSummary & { rank: { urgency: number; negative: number; complaint: number } }): QueuePosition => ({
  urgency: t.rank.urgency,
  negative: t.rank.negative,
  complaint: t.rank.complaint,
  // A customer's unanswered follow-up puts the thread back among those waiting, from when they wrote.
  answered: t.firstHumanReplyAt && !t.customerRepliedAt ? 1 : 0,
  since: t.customerRepliedAt ?? t.handoffAt ?? t.updatedAt,
  key: t.key,
});

/** Two lists in queue order as one. */
function mergeInQueueOrder<T extends ListedSummary>(a: T[], b: readonly T[]): T[] {
  if (b.length === 0) return a;
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(compareQueue(a[i]!.position, b[j]!.position) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

interface Cached extends ListedSummary {
  key: string;
  version: string;
}

/**
 * Every open thread summarized, in queue order: the work behind each page of GET /api/queue. Agents'
 * consoles refetch together (every thread event reaches them all), so the requests that arrive while
 * a listing is being made, or within `maxAgeMs` of it, share it; a thread event makes the next request
 * list afresh, so a console refetching because of an event sees what the event announced. Listing
 * afresh reads each open thread's row and latest mention id only, and summarizes (texts, decisions,
 * priority rules) only the threads that changed since the last listing.
 */
export function createQueueListing(opts: {
  handoff: HandoffStore;
  summaryContext: () => SummaryContext;
  events: HandoffEvents;
  maxAgeMs?: number;
  now?: () => number;
}) {
  const maxAgeMs = opts.maxAgeMs ?? 1000;
  const now = opts.now ?? Date.now;
  let current: { madeAt: number; listing: Promise<ListedSummary[]>; views?: Promise<QueueViews> } | undefined;
  let cache = new Map<string, Cached>();
  const invalidate = () => {
    current = undefined;
  };
  opts.events.subscribe((event) => changesQueue(event) && invalidate());

  const summarize = (listed: ListedThread, ctx: SummaryContext) => {
    const { rank, ...summary } = summarizeThread(listed.thread, listed.latest, ctx);
    return { summary, position: positionOf({ ...summary, rank }), listed };
  };

  // Cache keys: channel and thread id as they are (thread keys, base64, only for the threads summarized).
  const cacheKey = (t: { channel: string; threadId: string }) => `${t.channel}\n${t.threadId}`;
  let sorted: Cached[] = [];

  const make = async (): Promise<ListedSummary[]> => {
    const versions = await opts.handoff.listOpenThreadVersions();
    const next = new Map<string, Cached>();
    const changed = new Map<string, string>();
    const refs: ThreadVersion[] = [];
    for (const v of versions) {
      const key = cacheKey(v);
      const { version } = v;
      const known = cache.get(key);
      if (known?.version === version) next.set(key, known);
      else {
        changed.set(key, version);
        refs.push(v);
      }
    }
    const fresh: Cached[] = [];
    if (refs.length > 0) {
      const ctx = opts.summaryContext();
      for (const listed of await opts.handoff.listThreadsOf(refs)) {
        // Closed since the versions were read: not in the queue.
        if (!OPEN_STATES.includes(listed.thread.state)) continue;
        const key = cacheKey(listed.thread);
        // Read after its version: if it changed between the two reads, the next listing sees a new version.
        const entry = { ...summarize(listed, ctx), key, version: changed.get(key)! };
        next.set(key, entry);
        fresh.push(entry);
      }
    }
    // The last order, less what left or changed, merged with the changed threads in order: no sort of every thread.
    const kept = sorted.filter((entry) => next.get(entry.key) === entry);
    cache = next;
    sorted = mergeInQueueOrder(
      kept,
      fresh.sort((a, b) => compareQueue(a.position, b.position)),
    );
    return sorted;
  };

  const made = () => {
    const at = now();
    if (!current || at - current.madeAt > maxAgeMs) {
      const listing = make();
      const made: NonNullable<typeof current> = { madeAt: at, listing };
      current = made;
      // A failed listing (the store unavailable) is not kept: the next request tries again.
      listing.catch(() => current === made && (current = undefined));
    }
    return current;
  };

  return {
    list(): Promise<ListedSummary[]> {
      return made().listing;
    },
    /** The listing cut by view, once per listing. */
    views(): Promise<QueueViews> {
      const shared = made();
      shared.views ??= shared.listing.then(queueViews);
      return shared.views;
    },
    /** The threads of a page summarized now (time waiting and SLA run on; a listing is kept for many requests). */
    summarizeNow(page: readonly ListedSummary[]): ThreadSummary[] {
      const ctx = opts.summaryContext();
      return page.map(({ listed }) => summarize(listed, ctx).summary);
    },
    /** The next request lists afresh (a thread changed). */
    invalidate,
  };
}
