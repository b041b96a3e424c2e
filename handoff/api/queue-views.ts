import type { QueuePosition } from '../queue-order.js';
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
