import type { ReportCell, ReportCellStore } from './report-cells.js';
import type { RedisClient } from './redis-script-runner.js';

const HOURS_PER_DAY = 24;
const SEP = '\u001f';

/**
 * The reports' counters: one hash per kind and UTC day (P report:<kind>:<day number>), field
 * "<hour><US><cell>", so a period of a year is at most 366 reads, pipelined.
 */
export function createRedisReportCells(client: RedisClient, prefix: string): ReportCellStore {
  const key = (kind: string, day: number) => `${prefix}report:${kind}:${day}`;
  return {
    async countReportCells(kind, cells) {
      if (cells.length === 0) return;
      const multi = client.multi();
      for (const c of cells) multi.hIncrBy(key(kind, Math.floor(c.hour / HOURS_PER_DAY)), `${c.hour}${SEP}${c.cell}`, 1);
      await multi.exec();
    },
    async readReportCells(kind, fromHour, toHour) {
      const first = Math.floor(fromHour / HOURS_PER_DAY);
      const last = Math.floor(toHour / HOURS_PER_DAY);
      const multi = client.multi();
      for (let day = first; day <= last; day++) multi.hGetAll(key(kind, day));
      const days = (await multi.execAsPipeline()) as unknown as Record<string, string>[];
      const out: ReportCell[] = [];
      for (const fields of days) {
        for (const [field, n] of Object.entries(fields ?? {})) {
          const at = field.indexOf(SEP);
          const hour = Number(field.slice(0, at));
          if (hour >= fromHour && hour <= toHour) out.push({ hour, cell: field.slice(at + 1), n: Number(n) });
        }
      }
      return out;
    },
  };
}
