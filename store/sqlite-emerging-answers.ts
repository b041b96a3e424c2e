import type { AnswerProgress, EmergingGroups } from './emerging-groups.js';
import type { SqliteDatabase } from './open-database.js';

type Answers = Pick<EmergingGroups, 'takeAnswerThreads' | 'finishAnswerThread' | 'answerProgress' | 'unfinishedAnswers'>;

/**
 * The paged answering of an emerging group on SQLite: each thread row of the group (up to the last row
 * it held when it was answered, `answer_upto`) keeps when it was taken and its outcome.
 */
export function createSqliteEmergingAnswers(db: SqliteDatabase): Answers {
  const candidates = db.prepare(`
    SELECT t.rowid AS rid, t.thread_key, t.taken_at FROM emerging_group_threads t JOIN emerging_groups g ON g.id = t.group_id
    WHERE t.group_id = ? AND g.status = 'answered' AND t.rowid <= g.answer_upto AND t.outcome IS NULL
      AND (t.taken_at IS NULL OR t.taken_at < ?)
    ORDER BY t.rowid LIMIT ?`);
  const take = db.prepare('UPDATE emerging_group_threads SET taken_at = ? WHERE rowid = ?');
  const finish = db.prepare('UPDATE emerging_group_threads SET outcome = ? WHERE group_id = ? AND thread_key = ? AND outcome IS NULL');
  const threads = db.prepare(`
    SELECT t.thread_key, t.outcome FROM emerging_group_threads t JOIN emerging_groups g ON g.id = t.group_id
    WHERE t.group_id = ? AND t.rowid <= g.answer_upto ORDER BY t.rowid`);
  const unfinished = db.prepare(`
    SELECT g.id FROM emerging_groups g WHERE g.answer_upto IS NOT NULL AND EXISTS (
      SELECT 1 FROM emerging_group_threads t WHERE t.group_id = g.id AND t.rowid <= g.answer_upto AND t.outcome IS NULL)
    ORDER BY g.decided_at, g.id LIMIT ?`);
  const takeSome = db.transaction((id: string, limit: number, now: number, staleBefore: number) => {
    const rows = candidates.all(id, staleBefore, limit) as { rid: number; thread_key: string; taken_at: number | null }[];
    for (const r of rows) take.run(now, r.rid);
    return rows.map((r) => ({ threadKey: r.thread_key, retaken: r.taken_at !== null }));
  });
  return {
    async takeAnswerThreads(id, limit, now, staleBefore) {
      return takeSome.immediate(id, limit, now, staleBefore);
    },
    async finishAnswerThread(id, threadKey, outcome) {
      finish.run(outcome, id, threadKey);
    },
    async answerProgress(id) {
      const progress: AnswerProgress = { answered: [], skipped: [], pending: 0 };
      for (const r of threads.all(id) as { thread_key: string; outcome: string | null }[]) {
        if (r.outcome === null) progress.pending++;
        else if (r.outcome === '') progress.answered.push(r.thread_key);
        else progress.skipped.push({ threadKey: r.thread_key, reason: r.outcome });
      }
      return progress;
    },
    async unfinishedAnswers(limit) {
      return (unfinished.all(limit) as { id: string }[]).map((r) => r.id);
    },
  };
}
