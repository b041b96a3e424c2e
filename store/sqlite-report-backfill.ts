import type { SqliteDatabase } from './open-database.js';
import type { PastFactsPage, PastReply, ReportBackfillStore } from './report-backfill.js';
import { HOUR_MS } from './report-cells.js';

/** The reports' backfill on SQLite: its state in one row, a page of mentions by id, counters and cursor in one transaction. */
export function createSqliteReportBackfill(db: SqliteDatabase): ReportBackfillStore {
  // The earliest counter of either kind: an index range each (kind leads the key).
  const start = db.prepare(`
    INSERT OR IGNORE INTO report_backfill (id, boundary) VALUES (1, COALESCE((SELECT MIN(m) FROM (
      SELECT MIN(hour) AS m FROM report_cells WHERE kind = 'volume' UNION ALL SELECT MIN(hour) FROM report_cells WHERE kind = 'reply'
    )) * ${HOUR_MS}, ?))`);
  const state = db.prepare('SELECT boundary, cursor, done FROM report_backfill WHERE id = 1');
  const mentions = db.prepare(`
    SELECT m.id, m.channel, m.thread_id, m.received_at, m.status, m.decision, m.decided_at,
      EXISTS (SELECT 1 FROM outbox o WHERE o.mention_id = m.id AND o.kind != 'agent') AS replied,
      NOT EXISTS (SELECT 1 FROM mentions f WHERE f.channel = m.channel AND f.thread_id = m.thread_id AND f.id < m.id) AS opens
    FROM mentions m WHERE m.id > ? ORDER BY m.id LIMIT ?`);
  const events = db.prepare(`
    SELECT type, actor, at, data FROM thread_events
    WHERE channel = ? AND thread_id = ? AND type IN ('human_first_response', 'human_next_response') AND at < ? ORDER BY id`);
  const move = db.prepare('UPDATE report_backfill SET cursor = ?, done = ? WHERE id = 1 AND cursor = ? AND done = 0');
  const add = db.prepare(
    'INSERT INTO report_cells (kind, hour, cell, n) VALUES (?, ?, ?, ?) ON CONFLICT (kind, hour, cell) DO UPDATE SET n = n + excluded.n',
  );
  const advance = db.transaction(
    (from: number, to: number, done: boolean, cells: Parameters<ReportBackfillStore['advanceReportBackfill']>[3]) => {
      if (move.run(to, done ? 1 : 0, from).changes !== 1) return false;
      for (const c of cells) add.run(c.kind, c.hour, c.cell, c.n);
      return true;
    },
  );
  return {
    async reportBackfill(now) {
      start.run(now);
      const r = state.get() as { boundary: number; cursor: number; done: number };
      return { boundary: r.boundary, cursor: r.cursor, done: r.done === 1 };
    },
    async pastReportFacts(after, limit, before) {
      type Row = {
        id: number;
        channel: string;
        thread_id: string;
        received_at: number;
        status: string;
        decision: string | null;
        decided_at: number | null;
        replied: number;
        opens: number;
      };
      const rows = mentions.all(after, limit) as Row[];
      const page: PastFactsPage = { decisions: [], replies: [], last: rows.at(-1)?.id ?? after, done: rows.length < limit };
      for (const r of rows) {
        if (r.decided_at !== null && r.decided_at < before)
          page.decisions.push({
            channel: r.channel,
            threadId: r.thread_id,
            receivedAt: r.received_at,
            status: r.status,
            decision: r.decision,
            replied: r.replied === 1,
          });
        if (r.opens !== 1) continue;
        for (const e of events.all(r.channel, r.thread_id, before) as { type: string; actor: string; at: number; data: string | null }[])
          page.replies.push(pastReply(r.channel, r.thread_id, e.type, e.actor, e.at, e.data));
      }
      return page;
    },
    async advanceReportBackfill(from, to, done, cells) {
      return advance.immediate(from, to, done, cells);
    },
  };
}

function pastReply(channel: string, threadId: string, type: string, actor: string, at: number, data: string | null): PastReply {
  let ms = 0;
  try {
    ms = Number((JSON.parse(data ?? '{}') as { ms?: unknown }).ms) || 0;
  } catch {
    // a malformed event counts as an immediate reply
  }
  return { channel, threadId, kind: type === 'human_first_response' ? 'first' : 'next', actor, at, ms };
}
