import type { SqliteDatabase } from './open-database.js';
import { parseDecision, type ReportCell, type ReportCellStore } from './report-cells.js';

/** The reports' counters in one table keyed by (kind, hour, cell): a period is one index range. */
export function createSqliteReportCells(db: SqliteDatabase): ReportCellStore {
  const add = db.prepare(
    'INSERT INTO report_cells (kind, hour, cell, n) VALUES (?, ?, ?, 1) ON CONFLICT (kind, hour, cell) DO UPDATE SET n = n + 1',
  );
  const read = db.prepare('SELECT hour, cell, n FROM report_cells WHERE kind = ? AND hour BETWEEN ? AND ?');
  // Walks the thread's mentions (mentions_thread index) newest first; no other thread is read.
  const handedOff = db.prepare(
    "SELECT decision FROM mentions WHERE channel = ? AND thread_id = ? AND (status = 'handed_off' OR handed_off_by IS NOT NULL) ORDER BY id DESC LIMIT 1",
  );
  const addAll = db.transaction((kind: string, cells: readonly { hour: number; cell: string }[]) => {
    for (const c of cells) add.run(kind, c.hour, c.cell);
  });
  return {
    async countReportCells(kind, cells) {
      if (cells.length > 0) addAll(kind, cells);
    },
    async readReportCells(kind, fromHour, toHour) {
      return read.all(kind, fromHour, toHour) as ReportCell[];
    },
    async handedOffDecision(thread) {
      const row = handedOff.get(thread.channel, thread.threadId) as { decision: string | null } | undefined;
      return parseDecision(row?.decision);
    },
  };
}
