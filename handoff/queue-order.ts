import type { Understanding } from '../intents/understanding.js';
import type { Priority } from '../intents/urgency.js';

/** The queue's levels, highest first. */
export const PRIORITY_LEVEL: Record<Priority, number> = { urgent: 3, high: 2, normal: 1, low: 0 };
// Among urgent threads: someone hurt first, then an account or card in someone else's hands, then legal threats.
const URGENT_ORDER: Record<string, number> = { safety: 2, data_breach: 1 };

/**
 * What puts a thread ahead in the queue: its priority level first (urgent: safety, data breach, legal
 * threats; high: no service at all, money taken wrongly, repeated follow-ups), then within a level an
 * upset customer, then a complaint, then time waiting.
 */
export interface QueueRank {
  urgency: number;
  negative: number;
  complaint: number;
  waitingMs: number;
}

export function queueRank(
  understanding: Pick<Understanding, 'sentiment' | 'complaint'> | null,
  labels: { priority: Priority; signal: string | null },
  waitingMs: number,
): QueueRank {
  const urgency = PRIORITY_LEVEL[labels.priority] * 3 + (labels.priority === 'urgent' ? (URGENT_ORDER[labels.signal ?? ''] ?? 0) : 0);
  return { urgency, negative: understanding?.sentiment === 'negative' ? 1 : 0, complaint: understanding?.complaint ? 1 : 0, waitingMs };
}

/** Sorts highest priority first (a negative number when `a` goes first). */
export function compareRank(a: QueueRank, b: QueueRank): number {
  return b.urgency - a.urgency || b.negative - a.negative || b.complaint - a.complaint || b.waitingMs - a.waitingMs;
}

/**
 * A thread's place in the queue, from what does not change with the clock: the rank's signals,
 * whether a person has answered (its wait is over), when its wait began, and its key to break ties.
 * Time waiting grows the same for every waiting thread, so "longest waiting first" is "earliest
 * start first": the order, and so a page cursor, holds from one request to the next.
 */
export interface QueuePosition {
  urgency: number;
  negative: number;
  complaint: number;
  answered: number;
  since: number;
  key: string;
}

/** The total order of the queue (compareRank's, with answered threads last and the key breaking ties). */
export function compareQueue(a: QueuePosition, b: QueuePosition): number {
  return (
    b.urgency - a.urgency ||
    b.negative - a.negative ||
    b.complaint - a.complaint ||
    a.answered - b.answered ||
    a.since - b.since ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/**
 * A page cursor: the position of the last thread of a page, opaque to clients (base64url JSON).
 * The next page is every thread after it in the order, wherever the threads before it moved.
 */
export function encodeCursor(p: QueuePosition): string {
  return Buffer.from(JSON.stringify([p.urgency, p.negative, p.complaint, p.answered, p.since, p.key])).toString('base64url');
}

/** The position in a cursor, or undefined for anything this service did not make. */
export function decodeCursor(cursor: string): QueuePosition | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 6) return undefined;
  const [urgency, negative, complaint, answered, since, key] = value as unknown[];
  const counts = [urgency, negative, complaint, answered, since];
  if (!counts.every((n) => typeof n === 'number' && Number.isSafeInteger(n)) || typeof key !== 'string') return undefined;
  return {
    urgency: urgency as number,
    negative: negative as number,
    complaint: complaint as number,
    answered: answered as number,
    since: since as number,
    key,
  };
}
