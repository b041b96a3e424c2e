/**
 * The queue kept in queue order by the store (issue 17): each open thread's place as one number, so
 * that a page of any view is an index range read after a cursor, never a listing of every thread.
 *
 * The number packs what handoff/queue-order.ts compares, in its order: the priority (the rank's
 * urgency, upset and complaint as ThreadSummary.priority; higher first), then threads no person has
 * answered (or whose customer wrote again) before answered ones, then the earliest wait first. Ties
 * (the same number) go by channel then thread id, in the store's own order of strings (a page cursor
 * names the thread it ends at, and the next page starts after it in that order).
 *
 * The priority comes from the latest mention's text and understanding through intents/ rules, which
 * the store may not import: the store forgets it whenever the latest mention changes (a thread is then
 * "unranked", ranked as 0 until then) and the handoff layer ranks the unranked threads (rankThreads).
 */

/** The highest priority a thread can be given (ThreadSummary.priority is at most 47 today). */
export const MAX_QUEUE_PRIORITY = 63;
/** Weight of one priority step, and of "answered": above every wait start (epoch ms below 2^41, until 2039). */
export const PRIORITY_WEIGHT = 2 ** 42;
export const ANSWERED_WEIGHT = 2 ** 41;

export type QueueViewName = 'open' | 'waiting' | 'replied' | 'mine';

/** An open thread's place: its score orders the queue (ascending), ties by channel and thread id. */
export interface QueueEntry {
  channel: string;
  threadId: string;
  score: number;
}

/** Which threads a team queue holds: those routed to one of `teams`, and those in no team when `noTeam`. */
export interface TeamCut {
  teams: readonly string[];
  noTeam: boolean;
}

/** An open thread the store holds no priority for, and the version it was read at (rankThreads checks it). */
export interface UnrankedThread {
  channel: string;
  threadId: string;
  gen: number;
}

/** An SLA notice sent once per clock (the handoff layer's SLA watch): the thread event's type less 'sla_'. */
export type SlaNotice = 'warning' | 'breach' | 'next_breach';

/** An open thread whose SLA clock runs and whose notice is not recorded yet, and the clock's start. */
export interface SlaClock {
  channel: string;
  threadId: string;
  since: number;
}

export interface QueueIndexStore {
  /**
   * The view's next `limit` threads in queue order after `after` (from the start with null): a higher
   * score, or the same score and a later channel and thread id. `mine` is the threads `assignee` owns
   * (state agent). The cursor's thread need not be in the view any more.
   */
  queueEntries(query: { view: QueueViewName; assignee?: string; after: QueueEntry | null; limit: number }): Promise<QueueEntry[]>;
  /**
   * queueEntries cut to teams (a team queue): only threads of the teams named, and threads in no team
   * when `noTeam`; with the number of threads the view holds in that cut.
   */
  queueEntriesInTeams(
    query: { view: QueueViewName; assignee?: string; after: QueueEntry | null; limit: number } & TeamCut,
  ): Promise<{ entries: QueueEntry[]; total: number }>;
  /** How many threads each view holds (mine: `assignee`'s). */
  queueCounts(assignee: string): Promise<Record<QueueViewName, number>>;
  /** Open threads without a priority (a new latest mention or decision, or data from before the index). */
  unrankedThreads(): Promise<UnrankedThread[]>;
  /** Stores each thread's priority, unless the thread changed since it was read (its gen moved on). */
  rankThreads(ranks: readonly (UnrankedThread & { priority: number })[]): Promise<void>;
  /**
   * The open threads the notice may still be sent for, earliest clock start first (`limit` of them):
   * warning and breach, handed off and not answered by a person (no follow-up waiting); next_breach,
   * a customer's follow-up not answered. A thread leaves once recordEventOnce records the notice
   * (type 'sla_<notice>', since the clock's start), or once a breach is recorded for its warning.
   */
  slaClocks(query: { notice: SlaNotice; limit: number }): Promise<SlaClock[]>;
}

/** The score of a place (the order of handoff/queue-order.ts's compareQueue, less the key). */
export function queueScore(priority: number, answered: boolean, since: number): number {
  const p = Math.min(MAX_QUEUE_PRIORITY, Math.max(0, Math.trunc(priority)));
  return (MAX_QUEUE_PRIORITY - p) * PRIORITY_WEIGHT + (answered ? ANSWERED_WEIGHT : 0) + Math.max(0, since);
}

/** A score's parts again (a cursor is built from them). */
export function scoreParts(score: number): { priority: number; answered: boolean; since: number } {
  const level = Math.floor(score / PRIORITY_WEIGHT);
  const rest = score - level * PRIORITY_WEIGHT;
  return { priority: MAX_QUEUE_PRIORITY - level, answered: rest >= ANSWERED_WEIGHT, since: rest % ANSWERED_WEIGHT };
}
