/** One counter of the reports' pre-aggregated facts: `n` facts of `cell` in the UTC hour `hour` (epoch ms / 3_600_000). */
export interface ReportCell {
  hour: number;
  /** What the handoff layer counts, encoded by it (handoff/reports/report-cells.ts): the store only adds and reads. */
  cell: string;
  n: number;
}

/** Which table of facts: the decisions (volumes, topics, reasons) or people's reply times. */
export type ReportKind = 'volume' | 'reply';

/**
 * The reports' facts, counted when they happen (a decision, a person's reply) in hourly buckets, so a
 * report reads the counters of its period and never scans threads. Both backends: sqlite-report-cells.ts,
 * redis-report-cells.ts.
 */
export interface ReportCellStore {
  /** Adds 1 to each cell (a cell twice in the list: 2), in one write. */
  countReportCells(kind: ReportKind, cells: readonly { hour: number; cell: string }[]): Promise<void>;
  /**
   * The counters of the hours from `fromHour` to `toHour` (both included), in no set order. A UTC day
   * (hour / 24) wholly inside the range for which `wholeDay` says yes may come back summed over its
   * hours, as cells at its first hour: the caller says yes when every hour of that day lands in the
   * same bucket of its report, so the sum changes no figure. A backend may ignore `wholeDay`.
   */
  readReportCells(kind: ReportKind, fromHour: number, toHour: number, wholeDay?: (utcDay: number) => boolean): Promise<ReportCell[]>;
  /**
   * The decision on the thread's latest mention handed to people (by the bot, status handed_off, or by
   * a person from the No reply list), parsed; undefined
   * when none. One read of the thread's own mentions: a person's reply counts under the topic the
   * thread was handed off with.
   */
  handedOffDecision(thread: { channel: string; threadId: string }): Promise<Record<string, unknown> | undefined>;
}

export const HOUR_MS = 3_600_000;

/** A stored decision's JSON as an object; undefined when absent or not an object. */
export function parseDecision(json: string | null | undefined): Record<string, unknown> | undefined {
  if (!json) return undefined;
  try {
    const d: unknown = JSON.parse(json);
    return d !== null && typeof d === 'object' && !Array.isArray(d) ? (d as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
