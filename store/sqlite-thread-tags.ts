import type { SqliteDatabase } from './open-database.js';
import { taggedKey, type ThreadTagStore } from './thread-tags.js';

/** Agents' tags on threads, in the thread_tags table; a change and its thread event in one transaction. */
export function createSqliteThreadTags(db: SqliteDatabase): ThreadTagStore {
  const add = db.prepare('INSERT INTO thread_tags (channel, thread_id, tag) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const remove = db.prepare('DELETE FROM thread_tags WHERE channel = ? AND thread_id = ? AND tag = ?');
  const tagsOf = db.prepare('SELECT tag FROM thread_tags WHERE channel = ? AND thread_id = ? ORDER BY tag').pluck();
  const insertEvent = db.prepare('INSERT INTO thread_events (channel, thread_id, type, actor, at, data) VALUES (?, ?, ?, ?, ?, ?)');
  const tagsIn = db.prepare(`
    SELECT tg.channel, tg.thread_id, tg.tag FROM json_each(?) j
    JOIN thread_tags tg ON tg.channel = json_extract(j.value, '$[0]') AND tg.thread_id = json_extract(j.value, '$[1]')
    ORDER BY tg.channel, tg.thread_id, tg.tag`);

  const tag = db.transaction((r: Parameters<ThreadTagStore['tagThread']>[0]) => {
    const changed = (r.add ? add : remove).run(r.channel, r.threadId, r.tag).changes === 1;
    if (changed) insertEvent.run(r.channel, r.threadId, r.add ? 'tag' : 'untag', r.actor, r.now, JSON.stringify({ tag: r.tag }));
    return { changed, tags: tagsOf.all(r.channel, r.threadId) as string[] };
  });

  return {
    async tagThread(request) {
      return tag(request);
    },
    async threadTags(threads) {
      const tags = new Map<string, string[]>();
      if (threads.length === 0) return tags;
      for (const r of tagsIn.all(JSON.stringify(threads.map((t) => [t.channel, t.threadId]))) as {
        channel: string;
        thread_id: string;
        tag: string;
      }[]) {
        const key = taggedKey({ channel: r.channel, threadId: r.thread_id });
        tags.set(key, [...(tags.get(key) ?? []), r.tag]);
      }
      return tags;
    },
  };
}
