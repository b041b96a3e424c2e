import type { Understanding } from '../intents/understanding.js';

const URGENT_SIGNALS = new Set(['safety', 'legal', 'data_breach']);

/** What puts a thread ahead in the queue: urgency first, then an angry customer, then a complaint, then time waiting. */
export interface QueueRank {
  urgency: number;
  negative: number;
  complaint: number;
  waitingMs: number;
}

export function queueRank(understanding: Understanding | null, waitingMs: number): QueueRank {
  const signals = understanding?.urgency ?? [];
  const urgency = signals.some((s) => URGENT_SIGNALS.has(s)) || understanding?.priority === 'urgent' ? 2 : signals.length > 0 || understanding?.priority === 'high' ? 1 : 0;
  return { urgency, negative: understanding?.sentiment === 'negative' ? 1 : 0, complaint: understanding?.complaint ? 1 : 0, waitingMs };
}

/** Sorts highest priority first (a negative number when `a` goes first). */
export function compareRank(a: QueueRank, b: QueueRank): number {
  return b.urgency - a.urgency || b.negative - a.negative || b.complaint - a.complaint || b.waitingMs - a.waitingMs;
}

/** Why a thread sits where it does, in words for the console. */
export function rankReasons(understanding: Understanding | null): string[] {
  const reasons: string[] = [...(understanding?.urgency ?? [])];
  if (understanding?.sentiment === 'negative') reasons.push('negative');
  if (understanding?.complaint) reasons.push('complaint');
  return reasons;
}
