import { parseDecision, type ReportCell, type ReportCellStore } from './report-cells.js';
import { type RedisClient, scriptRunner } from './redis-script-runner.js';

const HOURS_PER_DAY = 24;
const SEP = '\u001f';

/** The decision of the thread's latest handed_off mention: its mention list walked from the end, in one script. */
const HANDED_OFF_DECISION = `
local ids = redis.call('LRANGE', ARGV[1] .. 'thread-mentions:' .. ARGV[2] .. ':' .. ARGV[3], 0, -1)
for i = #ids, 1, -1 do
  local m = redis.call('HMGET', ARGV[1] .. 'mention:' .. ids[i], 'status', 'decision', 'handed_off_by')
  if m[1] == 'handed_off' or (m[3] and m[3] ~= '') then return m[2] or false end
end
return false
`;

/**
 * The reports' counters: one hash per kind and UTC day (P report:<kind>:<day number>), field
 * "<hour><US><cell>", so a period of a year is at most 366 reads, pipelined. Beside it, in the same
 * MULTI, the day's roll-up (P reportday:<kind>:<day number>, field "<cell>"): a report that needs no
 * hour inside a day reads it instead, far fewer fields than the day's hours.
 */
export function createRedisReportCells(client: RedisClient, prefix: string): ReportCellStore {
  const key = (kind: string, day: number) => `${prefix}report:${kind}:${day}`;
  const dayKey = (kind: string, day: number) => `${prefix}reportday:${kind}:${day}`;
  const run = scriptRunner(client);
  return {
    async countReportCells(kind, cells) {
      if (cells.length === 0) return;
      const multi = client.multi();
      for (const c of cells) {
        const day = Math.floor(c.hour / HOURS_PER_DAY);
        multi.hIncrBy(key(kind, day), `${c.hour}${SEP}${c.cell}`, 1);
        multi.hIncrBy(dayKey(kind, day), c.cell, 1);
      }
      await multi.exec();
    },
    async readReportCells(kind, fromHour, toHour, wholeDay) {
      const first = Math.floor(fromHour / HOURS_PER_DAY);
      const last = Math.floor(toHour / HOURS_PER_DAY);
      const multi = client.multi();
      const rolled: boolean[] = [];
      for (let day = first; day <= last; day++) {
        const start = day * HOURS_PER_DAY;
        const inside = start >= fromHour && start + HOURS_PER_DAY - 1 <= toHour;
        const useRollUp = inside && wholeDay?.(day) === true;
        rolled.push(useRollUp);
        if (useRollUp) multi.hGetAll(dayKey(kind, day));
        else multi.hGetAll(key(kind, day));
      }
      const days = (await multi.execAsPipeline()) as unknown as Record<string, string>[];
      const out: ReportCell[] = [];
      days.forEach((fields, i) => {
        if (rolled[i]) {
          const hour = (first + i) * HOURS_PER_DAY;
          for (const cell in fields) out.push({ hour, cell, n: Number(fields[cell]) });
          return;
        }
        for (const field in fields) {
          const at = field.indexOf(SEP);
          const hour = Number(field.slice(0, at));
          if (hour >= fromHour && hour <= toHour) out.push({ hour, cell: field.slice(at + 1), n: Number(fields[field]) });
        }
      });
      return out;
    },
    async handedOffDecision(thread) {
      const json = await run(HANDED_OFF_DECISION, [prefix, thread.channel, thread.threadId]);
      return parseDecision(typeof json === 'string' ? json : undefined);
    },
  };
}
