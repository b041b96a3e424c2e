import type { SqliteDatabase } from './open-database.js';
import type { CandidateKind, CandidateStatus, ExampleCandidate, LearnedExamples } from './learned-examples.js';

interface Row {
  id: number;
  entry_id: string;
  kind: CandidateKind;
  text: string;
  channel: string;
  thread_id: string;
  mention_id: number;
  agent: string;
  created_at: number;
  status: CandidateStatus;
  decided_by: string | null;
  decided_at: number | null;
}

const candidate = (r: Row): ExampleCandidate => ({
  id: r.id,
  entryId: r.entry_id,
  kind: r.kind,
  text: r.text,
  channel: r.channel,
  threadId: r.thread_id,
  mentionId: r.mention_id,
  agent: r.agent,
  at: r.created_at,
  status: r.status,
  ...(r.decided_by !== null ? { decidedBy: r.decided_by } : {}),
  ...(r.decided_at !== null ? { decidedAt: r.decided_at } : {}),
});

/** Candidate examples in the learned_candidates table; a settle is one transaction. */
export function createSqliteLearnedExamples(db: SqliteDatabase): LearnedExamples {
  const insert = db.prepare(`
    INSERT INTO learned_candidates (entry_id, kind, text, channel, thread_id, mention_id, agent, created_at)
    VALUES (@entryId, @kind, @text, @channel, @threadId, @mentionId, @agent, @at) ON CONFLICT DO NOTHING RETURNING *`);
  const pending = db.prepare("SELECT * FROM learned_candidates WHERE status = 'pending' ORDER BY id LIMIT ?");
  const byIds = db.prepare('SELECT * FROM learned_candidates WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id');
  const settle = db.prepare(`
    UPDATE learned_candidates SET status = @status, decided_by = @by, decided_at = @at, text = COALESCE(@text, text)
    WHERE id = @id AND status = 'pending'`);
  const settleAll = db.transaction((rows: readonly { id: number; text?: string }[], status: string, by: string, at: number) =>
    rows.filter((r) => settle.run({ id: r.id, status, by, at, text: r.text ?? null }).changes === 1).map((r) => r.id),
  );
  return {
    async addCandidate(c) {
      const row = insert.get(c) as Row | undefined;
      return row ? candidate(row) : undefined;
    },
    async pendingCandidates(limit) {
      return (pending.all(limit) as Row[]).map(candidate);
    },
    async getCandidates(ids) {
      return (byIds.all(JSON.stringify(ids)) as Row[]).map(candidate);
    },
    async settleCandidates(rows, status, by, at) {
      return settleAll(rows, status, by, at);
    },
  };
}
