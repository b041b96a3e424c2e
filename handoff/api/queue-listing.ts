import { changesQueue, type HandoffEvents } from '../../store/handoff-events.js';
import { compareQueue, type QueuePosition } from '../queue-order.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import { OPEN_STATES } from '../../store/thread-state.js';
import { summarizeThread, type SummaryContext, type ThreadSummary } from '../thread-summary.js';

export interface ListedSummary {
  summary: ThreadSummary;
  position: QueuePosition;
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

/**
 * Every open thread summarized, in queue order: the work behind each page of GET /api/queue. Agents'
 * consoles refetch together (every thread event reaches them all), so the requests that arrive while
 * a listing is being made, or within `maxAgeMs` of it, share it; a thread event makes the next request
 * list afresh, so a console refetching because of an event sees what the event announced.
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
  const invalidate = () => {
    current = undefined;
  };
  opts.events.subscribe((event) => changesQueue(event) && invalidate());

  const make = async (): Promise<ListedSummary[]> => {
    const ctx = opts.summaryContext();
    const listed = (await opts.handoff.listThreads(OPEN_STATES)).map(({ thread, latest }) => {
      const { rank, ...summary } = summarizeThread(thread, latest, ctx);
      return { summary, position: positionOf({ ...summary, rank }) };
    });
    return listed.sort((a, b) => compareQueue(a.position, b.position));
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
    /** The next request lists afresh (a thread changed). */
    invalidate,
  };
}
