import type { ReportKind } from './report-cells.js';

/**
 * What a backfill of the reports' counters reads of the data written before they were counted (issue
 * 20): the counters start when the feature first runs, so earlier decisions and replies are counted
 * once, page by page, from the stored mentions and thread events. Both backends:
 * sqlite-report-backfill.ts, redis-report-backfill.ts.
 */

/** A mention decided before the boundary, as stored. */
export interface PastDecision {
  channel: string;
  threadId: string;
  receivedAt: number;
  status: string;
  decision: string | null;
  /** The turn queued a reply for it (answer, acknowledgement or courtesy; a person's reply does not count). */
  replied: boolean;
}

/** A person's first or next response recorded on a thread before the boundary (its thread event). */
export interface PastReply {
  channel: string;
  threadId: string;
  kind: 'first' | 'next';
  actor: string;
  at: number;
  /** Wall-clock time since the handoff or the customer's follow-up. */
  ms: number;
}

export interface PastFactsPage {
  decisions: PastDecision[];
  /** Replies in the threads the page's mentions opened (each thread read once, with its first mention). */
  replies: PastReply[];
  /** The last mention id read (the next page starts after it). */
  last: number;
  /** No mention after `last` when it was read. */
  done: boolean;
}

export interface ReportBackfillState {
  /** When counting began: facts at or after it were counted as they happened. */
  boundary: number;
  /** The last mention id counted. */
  cursor: number;
  done: boolean;
}

export interface ReportBackfillStore {
  /**
   * The backfill's state, set on the first call: the boundary is the earliest counter's hour (the
   * feature ran before), else `now` (it starts now). Every later call and instance gets the same.
   */
  reportBackfill(now: number): Promise<ReportBackfillState>;
  /** Up to `limit` mentions after id `after`: those decided before `before`, and replies before it. */
  pastReportFacts(after: number, limit: number, before: number): Promise<PastFactsPage>;
  /**
   * Adds the counters and moves the cursor from `from` to `to` in one step; false, adding nothing,
   * when the cursor is not at `from` (another instance counted that page) or the backfill is done.
   */
  advanceReportBackfill(
    from: number,
    to: number,
    done: boolean,
    cells: readonly { kind: ReportKind; hour: number; cell: string; n: number }[],
  ): Promise<boolean>;
}
