import { compareQueue, type QueuePosition } from '../queue-order.js';
import type { ThreadSummary } from '../thread-summary.js';
import type { ListedThread } from '../../store/handoff-store.js';

/** An open thread in the queue: its summary, its place, and what the summary was made from. */
export interface ListedSummary {
  summary: ThreadSummary;
  position: QueuePosition;
  /** What the summary was made from: a page summarizes its threads again at the time of the request. */
  listed: ListedThread;
}

/** Which open threads each view of the queue lists. */
export const QUEUE_FILTERS = {
  open: () => true,
  waiting: (t: ThreadSummary) => t.state === 'waiting',
  mine: (t: ThreadSummary, me: string) => t.state === 'agent' && t.assignee === me,
  replied: (t: ThreadSummary) => t.customerRepliedAt !== null,
} as const;
export type QueueFilter = keyof typeof QUEUE_FILTERS;

/** A listing cut into its views once (mine by owner), so that a page request only picks one and slices it. */
export interface QueueViews {
  open: readonly ListedSummary[];
  waiting: readonly ListedSummary[];
  replied: readonly ListedSummary[];
  mine: ReadonlyMap<string, readonly ListedSummary[]>;
}

export function queueViews(all: readonly ListedSummary[]): QueueViews {
  const waiting: ListedSummary[] = [];
  const replied: ListedSummary[] = [];
  const mine = new Map<string, ListedSummary[]>();
  for (const entry of all) {
    const { summary } = entry;
    if (QUEUE_FILTERS.waiting(summary)) waiting.push(entry);
    if (QUEUE_FILTERS.replied(summary)) replied.push(entry);
    if (summary.state === 'agent' && summary.assignee !== null) {
      const owned = mine.get(summary.assignee) ?? [];
      if (owned.length === 0) mine.set(summary.assignee, owned);
      owned.push(entry);
    }
  }
  return { open: all, waiting, replied, mine };
}

/** The threads of a view for a caller, in queue order. */
export function viewFor(views: QueueViews, filter: QueueFilter, me: string): readonly ListedSummary[] {
  return filter === 'mine' ? (views.mine.get(me) ?? []) : views[filter];
}

/** Where the page after `after` starts in a view in queue order (binary search: the order is total). */
export function startAfter(listed: readonly ListedSummary[], after: QueuePosition | undefined): number {
  if (!after) return 0;
  let low = 0;
  let high = listed.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareQueue(listed[mid]!.position, after) > 0) high = mid;
    else low = mid + 1;
  }
  return low;
}
