import type { SqliteDatabase } from './open-database.js';
import type { SlaDay } from './handoff-store.js';
import type { createSqliteLifecycle } from './sqlite-lifecycle.js';

const MINUTE = 60_000;

/** The SLA report's days on SQLite: acknowledgement shares, human first and next responses, per UTC day since `since`. */
export function createSqliteSlaDays(db: SqliteDatabase, lifecycle: ReturnType<typeof createSqliteLifecycle>) {
  const ackDays = db.prepare(`
    SELECT strftime('%Y-%m-%d', m.received_at / 1000, 'unixepoch') AS day,
      SUM(CASE WHEN m.status != 'no_reply' THEN 1 ELSE 0 END) AS mentions,
      SUM(CASE WHEN m.status != 'no_reply' AND f.first_sent - m.received_at <= ${MINUTE} THEN 1 ELSE 0 END) AS within1m,
      SUM(CASE WHEN m.status != 'no_reply' AND f.first_sent - m.received_at <= ${5 * MINUTE} THEN 1 ELSE 0 END) AS within5m,
      SUM(CASE WHEN m.status != 'no_reply' AND f.first_sent - m.received_at <= ${60 * MINUTE} THEN 1 ELSE 0 END) AS within60m,
      SUM(CASE WHEN m.status = 'no_reply' THEN 1 ELSE 0 END) AS noReply
    FROM mentions m
    LEFT JOIN (SELECT mention_id, MIN(sent_at) AS first_sent FROM outbox WHERE status = 'sent' GROUP BY mention_id) f ON f.mention_id = m.id
    WHERE m.received_at >= ? AND m.status NOT IN ('ignored', 'routed')
    GROUP BY day ORDER BY day`);
  const humanDays = db.prepare(`
    SELECT strftime('%Y-%m-%d', at / 1000, 'unixepoch') AS day, data FROM thread_events WHERE type = 'human_first_response' AND at >= ? ORDER BY at`);

  return async (since: number): Promise<SlaDay[]> => {
    const days = new Map<string, SlaDay>();
    const day = (d: string) => {
      let entry = days.get(d);
      if (!entry)
        days.set(
          d,
          (entry = {
            day: d,
            mentions: 0,
            within1m: 0,
            within5m: 0,
            within60m: 0,
            noReply: 0,
            humanFirstResponsesMs: [],
            humanNextResponsesMs: [],
          }),
        );
      return entry;
    };
    for (const r of ackDays.all(since) as {
      day: string;
      mentions: number;
      within1m: number;
      within5m: number;
      within60m: number;
      noReply: number;
    }[]) {
      Object.assign(day(r.day), {
        mentions: r.mentions ?? 0,
        within1m: r.within1m ?? 0,
        within5m: r.within5m ?? 0,
        within60m: r.within60m ?? 0,
        noReply: r.noReply ?? 0,
      });
    }
    for (const r of humanDays.all(since) as { day: string; data: string }[])
      day(r.day).humanFirstResponsesMs.push(Number((JSON.parse(r.data) as { ms: number }).ms));
    for (const r of lifecycle.nextResponseDays(since)) day(r.day).humanNextResponsesMs.push(r.ms);
    return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
  };
}
