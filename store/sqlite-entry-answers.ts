import type { SqliteDatabase } from './open-database.js';
import { entryAnswersFrom, type DecidedMention, type EntryAnswers } from './entry-answers.js';
import { LISTED_TEXT_CHARS } from './step-budget.js';

/** Mentions read per page: one short synchronous step. */
const PAGE = 500;

interface Row {
  id: number;
  channel: string;
  thread_id: string;
  author: string;
  text: string;
  received_at: number;
  decided_at: number | null;
  entry_id: unknown;
}

/**
 * The knowledge editor's reads of decisions on SQLite: pages of one status newest first from the
 * status index (its rows are in id order within a status), only the decision's entry id extracted.
 */
export function createSqliteEntryAnswers(db: SqliteDatabase): EntryAnswers {
  const page = db.prepare(`
    SELECT id, channel, thread_id, author, COALESCE(text_head, substr(text, 1, ${LISTED_TEXT_CHARS})) AS text,
      received_at, decided_at, json_extract(decision, '$.entryId') AS entry_id
    FROM mentions INDEXED BY mentions_status WHERE status = @status AND id < @before ORDER BY id DESC LIMIT ${PAGE}`);
  return entryAnswersFrom(async (status, before) => {
    const rows = page.all({ status, before }) as Row[];
    const last = rows.at(-1);
    return {
      rows: rows.map(
        (r): DecidedMention => ({
          id: r.id,
          channel: r.channel,
          threadId: r.thread_id,
          author: r.author,
          text: r.text,
          receivedAt: r.received_at,
          decidedAt: r.decided_at ?? r.received_at,
          ...(typeof r.entry_id === 'string' && r.entry_id ? { entryId: r.entry_id } : {}),
        }),
      ),
      nextBefore: rows.length < PAGE || !last ? 0 : last.id,
      oldestReceivedAt: last?.received_at,
      scanned: rows.length,
    };
  });
}
