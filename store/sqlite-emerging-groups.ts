import type { EmergingGroupRecord, EmergingGroups, EmergingStatus } from './emerging-groups.js';
import { EMERGING_MAX_THREADS } from './emerging-groups.js';
import type { SqliteDatabase } from './open-database.js';
import { createSqliteEmergingAnswers } from './sqlite-emerging-answers.js';

interface Row {
  id: string;
  raised_at: number;
  size: number;
  authors: number;
  words: string;
  samples: string;
  draft_id: string;
  draft_yaml: string;
  status: EmergingStatus;
  entry_id: string | null;
  decided_by: string | null;
  decided_at: number | null;
}

/** Emerging groups in two tables: the group, and its thread keys (one row each, in the order they joined; answering: sqlite-emerging-answers.ts). */
export function createSqliteEmergingGroups(db: SqliteDatabase): EmergingGroups {
  const insert = db.prepare(`
    INSERT INTO emerging_groups (id, raised_at, size, authors, words, samples, draft_id, draft_yaml)
    VALUES (@id, @raisedAt, @size, @authors, @words, @samples, @draftId, @draftYaml)
    ON CONFLICT (id) DO UPDATE SET size = MAX(size, excluded.size), authors = MAX(authors, excluded.authors)`);
  const grow = db.prepare('UPDATE emerging_groups SET size = MAX(size, ?), authors = MAX(authors, ?) WHERE id = ?');
  const countThreads = db.prepare('SELECT COUNT(*) AS n FROM emerging_group_threads WHERE group_id = ?');
  const addThread = db.prepare('INSERT INTO emerging_group_threads (group_id, thread_key) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const byId = db.prepare('SELECT * FROM emerging_groups WHERE id = ?');
  const threads = db.prepare('SELECT thread_key FROM emerging_group_threads WHERE group_id = ? ORDER BY rowid');
  const open = db.prepare("SELECT * FROM emerging_groups WHERE status = 'open' ORDER BY raised_at DESC, id LIMIT ?");
  const all = db.prepare('SELECT * FROM emerging_groups ORDER BY raised_at DESC, id LIMIT ?');
  const link = db.prepare("UPDATE emerging_groups SET entry_id = ? WHERE id = ? AND status = 'open'");
  const settle = db.prepare(`
    UPDATE emerging_groups SET status = @status, decided_by = @by, decided_at = @at, entry_id = COALESCE(@entryId, entry_id),
      answer_upto = CASE WHEN @status = 'answered' THEN (SELECT MAX(rowid) FROM emerging_group_threads WHERE group_id = @id) END
    WHERE id = @id AND status = 'open'`);

  const addThreads = db.transaction((id: string, keys: readonly string[]) => {
    let room = EMERGING_MAX_THREADS - (countThreads.get(id) as { n: number }).n;
    for (const k of keys) if (room > 0 && addThread.run(id, k).changes === 1) room--;
  });
  const save = db.transaction((g: Parameters<EmergingGroups['saveGroup']>[0]) => {
    insert.run({ ...g, words: JSON.stringify(g.words), samples: JSON.stringify(g.samples) });
    addThreads(g.id, g.threadKeys);
  });
  const record = (r: Row): EmergingGroupRecord => ({
    id: r.id,
    raisedAt: r.raised_at,
    size: r.size,
    authors: r.authors,
    words: JSON.parse(r.words) as string[],
    samples: JSON.parse(r.samples) as string[],
    draftId: r.draft_id,
    draftYaml: r.draft_yaml,
    threadKeys: (threads.all(r.id) as { thread_key: string }[]).map((t) => t.thread_key),
    status: r.status,
    ...(r.entry_id !== null ? { entryId: r.entry_id } : {}),
    ...(r.decided_by !== null ? { decidedBy: r.decided_by } : {}),
    ...(r.decided_at !== null ? { decidedAt: r.decided_at } : {}),
  });
  return {
    ...createSqliteEmergingAnswers(db),
    async saveGroup(g) {
      save(g);
    },
    async growGroup(id, size, authors, keys) {
      db.transaction(() => {
        // A group this backend does not hold takes no keys.
        if (grow.run(size, authors, id).changes === 1) addThreads(id, keys);
      })();
    },
    async getGroup(id) {
      const row = byId.get(id) as Row | undefined;
      return row && record(row);
    },
    async listGroups(limit, everything = false) {
      return ((everything ? all : open).all(limit) as Row[]).map(record);
    },
    async linkEntry(id, entryId) {
      return link.run(entryId, id).changes === 1;
    },
    async settleGroup(id, status, by, at, entryId) {
      return settle.run({ id, status, by, at, entryId: entryId ?? null }).changes === 1;
    },
  };
}
