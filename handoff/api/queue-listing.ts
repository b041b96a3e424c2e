import { changesQueue, type HandoffEvents } from '../../store/handoff-events.js';
import { compareQueue, type QueuePosition } from '../queue-order.js';
import type { HandoffStore, ListedThread, ThreadVersion } from '../../store/handoff-store.js';
import { OPEN_STATES } from '../../store/thread-state.js';
import { summarizeThread, type SummaryContext, type ThreadSummary } from '../thread-summary.js';
import { threadKey } from '../thread-key.js';

export interface ListedSummary {
  summary: ThreadSummary;
  position: QueuePosition;
  /** What the summary was made from: a page summarizes its threads again at the time of the request. */
  listed: ListedThread;
}

const positionOf = (t: ThreadSummary & { rank: { urgency: number; negative: number; complaint: number } }): QueuePosition => ({
  urgency: t.rank.urgency,
  negative: t.rank.negative,
  complaint: t.rank.complaint,
  // A customer's unanswered follow-up puts the thread back among those waiting, from when they wrote.
  answered: t.firstHumanReplyAt && !t.customerRepliedAt ? 1 : 0,
  since: t.customerRepliedAt ?? t.handoffAt ?? t.updatedAt,
  key: t.key,
});

// Every field of the thread row and which mention is latest: equal versions summarize the same
// (times alone are not enough: two changes can share a millisecond, and reading a thread keeps its time).
const versionOf = ({ thread: t, latest }: ThreadVersion) =>
  [
    t.state,
    t.assignee,
    t.updatedAt,
    t.handoffAt,
    t.claimedAt,
    t.firstHumanReplyAt,
    t.customerRepliedAt,
    t.unreadAt,
    t.replyFailure?.reason,
    t.replyFailure?.at,
    latest?.id,
    latest?.status,
  ].join('|');

interface Cached extends ListedSummary {
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
  let current: { madeAt: number; listing: Promise<ListedSummary[]> } | undefined;
  let cache = new Map<string, Cached>();
  const invalidate = () => {
    current = undefined;
  };
  opts.events.subscribe((event) => changesQueue(event) && invalidate());

  const summarize = (listed: ListedThread, ctx: SummaryContext) => {
    const { rank, ...summary } = summarizeThread(listed.thread, listed.latest, ctx);
    return { summary, position: positionOf({ ...summary, rank }), listed };
  };

  const make = async (): Promise<ListedSummary[]> => {
    const versions = await opts.handoff.listOpenThreadVersions();
    const next = new Map<string, Cached>();
    const changed = new Map<string, string>();
    for (const v of versions) {
      const key = threadKey(v.thread.channel, v.thread.threadId);
      const version = versionOf(v);
      const known = cache.get(key);
      if (known?.version === version) next.set(key, known);
      else changed.set(key, version);
    }
    if (changed.size > 0) {
      const ctx = opts.summaryContext();
      const refs = versions.filter((v) => changed.has(threadKey(v.thread.channel, v.thread.threadId))).map((v) => v.thread);
      for (const listed of await opts.handoff.listThreadsOf(refs)) {
        // Closed since the versions were read: not in the queue.
        if (!OPEN_STATES.includes(listed.thread.state)) continue;
        const key = threadKey(listed.thread.channel, listed.thread.threadId);
        // Read after its version: if it changed between the two reads, the next listing sees a new version.
        next.set(key, { ...summarize(listed, ctx), version: changed.get(key)! });
      }
    }
    cache = next;
    return [...next.values()].sort((a, b) => compareQueue(a.position, b.position));
  };

  return {
    list(): Promise<ListedSummary[]> {
      const at = now();
      if (!current || at - current.madeAt > maxAgeMs) {
        const listing = make();
        const made = { madeAt: at, listing };
        current = made;
        // A failed listing (the store unavailable) is not kept: the next request tries again.
        listing.catch(() => current === made && (current = undefined));
      }
      return current.listing;
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
