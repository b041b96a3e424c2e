import type { ReportCell } from '../../store/handoff-store.js';
import type { ReportRange } from './report-query.js';

/** What every kind of fact carries for the report filters. */
interface Filtered {
  channel: string;
  team: string;
  topic: string;
}

/**
 * A kind's counters decoded and kept when they pass the report's filters. Cells repeat across hours and
 * requests: each is split once (bounded, so a long-running service does not grow the cache forever).
 */
export function cellFacts<F extends Filtered>(decode: (cell: string) => F) {
  const decoded = new Map<string, F>();
  return (cells: readonly ReportCell[], range: ReportRange): { hour: number; n: number; f: F }[] => {
    const out = [];
    for (const c of cells) {
      let f = decoded.get(c.cell);
      if (!f) {
        if (decoded.size > 200_000) decoded.clear();
        f = decode(c.cell);
        decoded.set(c.cell, f);
      }
      if (range.channel !== undefined && f.channel !== range.channel) continue;
      if (range.team !== undefined && f.team !== range.team) continue;
      if (range.topic !== undefined && f.topic !== range.topic) continue;
      out.push({ hour: c.hour, n: c.n, f });
    }
    return out;
  };
}
