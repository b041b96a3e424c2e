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
}

export const HOUR_MS = 3_600_000;
