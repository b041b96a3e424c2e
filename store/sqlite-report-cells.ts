import type { SqliteDatabase } from './open-database.js';
import type { ReportCell, ReportCellStore } from './report-cells.js';

/** The reports' counters in one table keyed by (kind, hour, cell): a period is one index range. */
export function createSqliteReportCells(db: SqliteDatabase): ReportCellStore {
  const add = db.prepare(
    'INSERT INTO report_cells (kind, hour, cell, n) VALUES (?, ?, ?, 1) ON CONFLICT (kind, hour, cell) DO UPDATE SET n = n + 1',
  );
  const read = db.prepare('SELECT hour, cell, n FROM report_cells WHERE kind = ? AND hour BETWEEN ? AND ?');
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
  };
}
