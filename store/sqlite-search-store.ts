import type { SqliteDatabase } from './open-database.js';
import { searchTokens, ftsQuery, appendToBody } from './search-text.js';
import {
  SEARCH_DECISION_WAIT_MS,
  type FacetsOf,
  type SearchFacets,
  type SearchHit,
  type SearchStore,
  type ThreadNote,
  type ViewCounts,
} from './search-store.js';
import type { ThreadState } from './thread-state.js';

interface HitRow {
  seq: number;
  body: string | null;
  channel: string;
  thread_id: string;
  author: string | null;
  priority: string | null;
  topic: string | null;
  language: string | null;
  state: ThreadState;
  assignee: string | null;
  updated_at: number;
}

const toHit = (r: HitRow): SearchHit => ({
  channel: r.channel,
  threadId: r.thread_id,
  state: r.state,
  assignee: r.assignee,
  updatedAt: r.updated_at,
  author: r.author,
  facets: { priority: r.priority, topic: r.topic, language: r.language },
  body: r.body ?? '',
});

const FILTERS = `
  AND (@channel IS NULL OR f.channel = @channel) AND (@priority IS NULL OR f.priority = @priority)
  AND (@topic IS NULL OR f.topic = @topic) AND (@language IS NULL OR f.language = @language)
  AND (@state IS NULL OR t.state = @state) AND (@assignee IS NULL OR t.assignee = @assignee)`;

/**
 * Search on the responder's SQLite file: one FTS5 row per thread (its texts joined, the newest kept),
 * re-inserted with a higher rowid at each new text, so "newest activity first" is rowid order and a
 * page is an FTS5 range scan that stops at its limit.
 */
export function createSqliteSearchStore(db: SqliteDatabase): SearchStore {
  const mark = db.prepare('SELECT last_id FROM search_marks WHERE source = ?').pluck();
  const setMark = db.prepare(
    'INSERT INTO search_marks (source, last_id) VALUES (?, ?) ON CONFLICT (source) DO UPDATE SET last_id = excluded.last_id',
  );
  const mentionsAfter = db.prepare(
    'SELECT id, channel, thread_id, author, text, status, decision, received_at FROM mentions WHERE id > ? ORDER BY id LIMIT ?',
  );
  const repliesAfter = db.prepare('SELECT id, channel, thread_id, text FROM outbox WHERE id > ? ORDER BY id LIMIT ?');
  const indexed = db.prepare('SELECT seq, author, priority, topic, language FROM search_threads WHERE channel = ? AND thread_id = ?');
  const bodyOf = db.prepare('SELECT body FROM search_text WHERE rowid = ?').pluck();
  const dropBody = db.prepare('DELETE FROM search_text WHERE rowid = ?');
  const addBody = db.prepare('INSERT INTO search_text (body) VALUES (?)');
  const upsertThread = db.prepare(`
    INSERT INTO search_threads (channel, thread_id, seq, author, priority, topic, language)
    VALUES (@channel, @threadId, @seq, @author, @priority, @topic, @language)
    ON CONFLICT (channel, thread_id) DO UPDATE SET seq = excluded.seq, author = excluded.author,
      priority = excluded.priority, topic = excluded.topic, language = excluded.language`);
  const threadExists = db.prepare('SELECT 1 FROM threads WHERE channel = ? AND thread_id = ?').pluck();
  const insertNote = db.prepare(
    'INSERT INTO thread_notes (channel, thread_id, author, text, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
  );
  const notesOf = db.prepare(
    'SELECT id, channel, thread_id, author, text, created_at FROM thread_notes WHERE channel = ? AND thread_id = ? ORDER BY id',
  );
  const matching = db.prepare(`
    SELECT s.rowid AS seq, s.body, f.channel, f.thread_id, f.author, f.priority, f.topic, f.language, t.state, t.assignee, t.updated_at
    FROM search_text s JOIN search_threads f ON f.seq = s.rowid JOIN threads t ON t.channel = f.channel AND t.thread_id = f.thread_id
    WHERE search_text MATCH @match AND s.rowid < @after ${FILTERS}
    ORDER BY s.rowid DESC LIMIT @limit`);
  const every = db.prepare(`
    SELECT f.seq, (SELECT body FROM search_text WHERE rowid = f.seq) AS body, f.channel, f.thread_id, f.author, f.priority, f.topic,
      f.language, t.state, t.assignee, t.updated_at
    FROM search_threads f JOIN threads t ON t.channel = f.channel AND t.thread_id = f.thread_id
    WHERE f.seq < @after ${FILTERS}
    ORDER BY f.seq DESC LIMIT @limit`);
  const stateCounts = db.prepare('SELECT state, COUNT(*) AS n FROM threads GROUP BY state');
  const noReplyCount = db.prepare("SELECT COUNT(*) FROM mentions WHERE status = 'no_reply'").pluck();

  type Customer = { author: string; facets: SearchFacets };
  /** Rewrites a thread's row with its texts appended; a customer's mention also sets the thread's author and facets. */
  const appendTexts = (channel: string, threadId: string, texts: readonly string[], customer?: Customer) => {
    const current = indexed.get(channel, threadId) as
      | { seq: number; author: string | null; priority: string | null; topic: string | null; language: string | null }
      | undefined;
    let body = '';
    if (current) {
      body = (bodyOf.get(current.seq) as string | undefined) ?? '';
      dropBody.run(current.seq);
    }
    for (const text of texts) body = appendToBody(body, text);
    const seq = Number(addBody.run(body).lastInsertRowid);
    upsertThread.run({
      channel,
      threadId,
      seq,
      author: customer?.author ?? current?.author ?? null,
      priority: customer ? customer.facets.priority : (current?.priority ?? null),
      topic: customer ? customer.facets.topic : (current?.topic ?? null),
      language: customer ? customer.facets.language : (current?.language ?? null),
    });
  };

  /**
   * A batch's texts gathered by thread, so that each thread's FTS5 row is rewritten once per batch
   * (a mention and its reply: one insert, not an insert, a delete and an insert). Written in the
   * order of each thread's last text, the order appending them one by one would give.
   */
  const threadWrites = () => {
    const pending = new Map<string, { channel: string; threadId: string; texts: string[]; customer?: Customer }>();
    return {
      add(channel: string, threadId: string, text: string, customer?: Customer) {
        const key = `${channel}\u0000${threadId}`;
        const entry = pending.get(key) ?? { channel, threadId, texts: [] };
        pending.delete(key);
        entry.texts.push(text);
        if (customer) entry.customer = customer;
        pending.set(key, entry);
      },
      write() {
        for (const t of pending.values()) appendTexts(t.channel, t.threadId, t.texts, t.customer);
      },
    };
  };

  // Up to `max` mentions and up to `max` replies per batch: under a backlog a mention and its reply
  // then fall in the same batch (mentions first would leave the replies to the next one).
  const indexBatch = db.transaction((max: number, now: number, facetsOf: FacetsOf) => {
    const writes = threadWrites();
    let taken = 0;
    let lastMention = (mark.get('mentions') as number | undefined) ?? 0;
    for (const m of mentionsAfter.all(lastMention, max) as {
      id: number;
      channel: string;
      thread_id: string;
      author: string;
      text: string;
      status: string;
      decision: string | null;
      received_at: number;
    }[]) {
      // Facets come from the decision: wait for it, unless the turn is stuck.
      if (m.status === 'received' && m.received_at > now - SEARCH_DECISION_WAIT_MS) break;
      const decision = m.decision ? (JSON.parse(m.decision) as Record<string, unknown>) : null;
      const customer = m.status === 'ignored' ? undefined : { author: m.author, facets: facetsOf(m.text, decision) };
      writes.add(m.channel, m.thread_id, m.text, customer);
      lastMention = m.id;
      taken++;
    }
    setMark.run('mentions', lastMention);
    let lastReply = (mark.get('replies') as number | undefined) ?? 0;
    for (const r of repliesAfter.all(lastReply, max) as {
      id: number;
      channel: string;
      thread_id: string;
      text: string;
    }[]) {
      writes.add(r.channel, r.thread_id, r.text);
      lastReply = r.id;
      taken++;
    }
    setMark.run('replies', lastReply);
    writes.write();
    return taken;
  });

  const addNote = db.transaction((n: Parameters<SearchStore['addNote']>[0]): ThreadNote | undefined => {
    if (!threadExists.get(n.channel, n.threadId)) return undefined;
    const id = Number(insertNote.pluck().get(n.channel, n.threadId, n.author, n.text, n.now));
    appendTexts(n.channel, n.threadId, [n.text]);
    return { id, channel: n.channel, threadId: n.threadId, author: n.author, text: n.text, at: n.now };
  });

  return {
    async addNote(note) {
      return addNote(note);
    },
    async notes(channel, threadId) {
      return (
        notesOf.all(channel, threadId) as {
          id: number;
          channel: string;
          thread_id: string;
          author: string;
          text: string;
          created_at: number;
        }[]
      ).map((r) => ({ id: r.id, channel: r.channel, threadId: r.thread_id, author: r.author, text: r.text, at: r.created_at }));
    },
    async indexPending(max, now, facetsOf) {
      return indexBatch(max, now, facetsOf);
    },
    async search(q) {
      const params = {
        after: q.after ?? Number.MAX_SAFE_INTEGER,
        limit: q.limit + 1,
        channel: q.channel ?? null,
        priority: q.priority ?? null,
        topic: q.topic ?? null,
        language: q.language ?? null,
        state: q.state ?? null,
        assignee: q.assignee ?? null,
      };
      const terms = q.terms.flatMap((t) => searchTokens(t));
      const rows = (terms.length > 0 ? matching.all({ ...params, match: ftsQuery(terms) }) : every.all(params)) as HitRow[];
      const page = rows.slice(0, q.limit);
      return { hits: page.map(toHit), next: rows.length > q.limit ? page.at(-1)!.seq : null };
    },
    async counts() {
      const counts: ViewCounts = { bot: 0, waiting: 0, agent: 0, resolved: 0, closed: 0, noReply: 0 };
      for (const r of stateCounts.all() as { state: ThreadState; n: number }[]) counts[r.state] = r.n;
      counts.noReply = Number(noReplyCount.get());
      return counts;
    },
  };
}
