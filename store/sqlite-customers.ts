import type { SqliteDatabase } from './open-database.js';
import type { Customer, CustomerIdentity, CustomerStore } from './customer-store.js';
import type { HandoffThread, ListedThread } from './handoff-store.js';
import { mentionFromRow, type MentionRowWithDecision } from './sqlite-rows.js';

interface CustomerRow {
  id: number;
  notes: string | null;
  notes_by: string | null;
  notes_at: number | null;
  notes_version: number;
}

const same = (a: CustomerIdentity, b: CustomerIdentity) => a.channel === b.channel && a.author === b.author;

/**
 * Customers on the SQLite file: customer_identities maps each linked identity to its customer (one row
 * per identity, so groups stay transitive and disjoint), customers holds the notes; a customer's
 * threads come from the mentions_author index.
 */
export function createSqliteCustomers(
  db: SqliteDatabase,
  getThread: (channel: string, threadId: string) => HandoffThread | undefined,
): CustomerStore<ListedThread> {
  const customerOf = db.prepare('SELECT customer_id FROM customer_identities WHERE channel = ? AND author = ?').pluck();
  const members = db.prepare('SELECT channel, author FROM customer_identities WHERE customer_id = ? ORDER BY linked_at, channel, author');
  const customerRow = db.prepare('SELECT id, notes, notes_by, notes_at, notes_version FROM customers WHERE id = ?');
  const newCustomer = db.prepare('INSERT INTO customers (created_at) VALUES (?) RETURNING id').pluck();
  const addMember = db.prepare('INSERT INTO customer_identities (channel, author, customer_id, linked_at) VALUES (?, ?, ?, ?)');
  const moveMembers = db.prepare('UPDATE customer_identities SET customer_id = ? WHERE customer_id = ?');
  const removeMember = db.prepare('DELETE FROM customer_identities WHERE channel = ? AND author = ?');
  const memberCount = db.prepare('SELECT COUNT(*) FROM customer_identities WHERE customer_id = ?').pluck();
  const dropCustomer = db.prepare('DELETE FROM customers WHERE id = ?');
  const setNotes = db.prepare(`
    UPDATE customers SET notes = @text, notes_by = @by, notes_at = @at, notes_version = notes_version + 1
    WHERE id = @id AND notes_version = @ifVersion`);
  const mergeNotes = db.prepare(
    'UPDATE customers SET notes = @text, notes_by = @by, notes_at = @at, notes_version = @version WHERE id = @id',
  );
  // An author's posts newest first, from the covering index mentions_author (channel, author, id, thread_id):
  // a page stops reading once it has its threads, however many the author has.
  const postsOf = db.prepare('SELECT thread_id, id FROM mentions WHERE channel = ? AND author = ? ORDER BY id DESC');
  // Threads counted from the same covering index (one author's thread ids sorted to count them once;
  // INDEXED BY, or the planner walks the whole channel's mentions_thread for their order); several on
  // one channel (a shared thread counted once) through a union, one statement per number.
  const counts = new Map<number, ReturnType<typeof db.prepare>>();
  const count = (channel: string, authors: string[]) => {
    let statement = counts.get(authors.length);
    if (!statement) {
      const one = 'SELECT DISTINCT thread_id FROM mentions INDEXED BY mentions_author WHERE channel = @channel AND author = ';
      const sql =
        authors.length === 1
          ? `SELECT COUNT(DISTINCT thread_id) FROM mentions INDEXED BY mentions_author WHERE channel = @channel AND author = @a0`
          : `SELECT COUNT(*) FROM (${authors.map((_, i) => `${one}@a${i}`).join(' UNION ')})`;
      statement = db.prepare(sql).pluck();
      counts.set(authors.length, statement);
    }
    return statement.get({ channel, ...Object.fromEntries(authors.map((a, i) => [`a${i}`, a])) }) as number;
  };
  // As the queue: the latest post that is not ignored, its start only (text_head).
  const latestMention = db.prepare(`
    SELECT id, channel, platform_id, thread_id, author, author_is_bot, COALESCE(text_head, text) AS text, created_at, permalink,
      reply_context, received_at, deadline_at, status, attempts, decision
    FROM mentions WHERE channel = ? AND thread_id = ? AND status != 'ignored' ORDER BY id DESC LIMIT 1`);

  const read = (identity: CustomerIdentity): Customer => {
    const id = customerOf.get(identity.channel, identity.author) as number | undefined;
    if (id === undefined) return { id: null, identities: [identity], notes: null };
    const others = (members.all(id) as CustomerIdentity[]).filter((m) => !same(m, identity));
    const row = customerRow.get(id) as CustomerRow;
    return {
      id: String(id),
      identities: [identity, ...others.map((m) => ({ channel: m.channel, author: m.author }))],
      notes:
        row.notes_version > 0 ? { text: row.notes ?? '', by: row.notes_by ?? '', at: row.notes_at ?? 0, version: row.notes_version } : null,
    };
  };

  const link = db.transaction(({ a, b, actor, now }: { a: CustomerIdentity; b: CustomerIdentity; actor: string; now: number }) => {
    if (same(a, b)) return read(a);
    const ga = customerOf.get(a.channel, a.author) as number | undefined;
    const gb = customerOf.get(b.channel, b.author) as number | undefined;
    if (ga !== undefined && ga === gb) return read(a);
    if (ga === undefined && gb === undefined) {
      const id = newCustomer.get(now) as number;
      addMember.run(a.channel, a.author, id, now);
      addMember.run(b.channel, b.author, id, now);
    } else if (ga === undefined) addMember.run(a.channel, a.author, gb, now);
    else if (gb === undefined) addMember.run(b.channel, b.author, ga, now);
    else {
      // Two customers become one: b's identities move to a's, and both notes are kept, a's first.
      const [na, nb] = [customerRow.get(ga) as CustomerRow, customerRow.get(gb) as CustomerRow];
      moveMembers.run(ga, gb);
      dropCustomer.run(gb);
      if (nb.notes_version > 0 && nb.notes) {
        const text = na.notes ? `${na.notes}\n\n${nb.notes}` : nb.notes;
        mergeNotes.run({ id: ga, text, by: actor, at: now, version: Math.max(na.notes_version, nb.notes_version) + 1 });
      }
    }
    return read(a);
  });

  const unlink = db.transaction((identity: CustomerIdentity) => {
    const id = customerOf.get(identity.channel, identity.author) as number | undefined;
    // A customer of one has no link to undo (and keeps its notes).
    if (id === undefined || (memberCount.get(id) as number) < 2) return read(identity);
    removeMember.run(identity.channel, identity.author);
    return read(identity);
  });

  const saveNotes = db.transaction((r: { identity: CustomerIdentity; text: string; ifVersion: number; actor: string; now: number }) => {
    let id = customerOf.get(r.identity.channel, r.identity.author) as number | undefined;
    if (id === undefined) {
      if (r.ifVersion !== 0) return { ok: false as const, customer: read(r.identity) };
      id = newCustomer.get(r.now) as number;
      addMember.run(r.identity.channel, r.identity.author, id, r.now);
    }
    const saved = setNotes.run({ id, text: r.text, by: r.actor, at: r.now, ifVersion: r.ifVersion }).changes === 1;
    return { ok: saved, customer: read(r.identity) } as const;
  });

  return {
    async customer(identity) {
      return read(identity);
    },
    async linkIdentities(request) {
      return link(request);
    },
    async unlinkIdentity(identity) {
      return unlink(identity);
    },
    async saveCustomerNotes(request) {
      return saveNotes(request);
    },
    async customerThreads(identities, limit) {
      // The latest `limit` threads of each identity, then the latest `limit` of them all.
      const latestPost = new Map<string, { channel: string; threadId: string; id: number }>();
      for (const { channel, author } of identities) {
        const seen = new Set<string>();
        for (const post of postsOf.iterate(channel, author) as Iterable<{ thread_id: string; id: number }>) {
          if (seen.has(post.thread_id)) continue;
          seen.add(post.thread_id);
          // Two identities on one channel may share a thread: its latest post of either counts.
          const key = `${channel}\n${post.thread_id}`;
          if ((latestPost.get(key)?.id ?? 0) < post.id) latestPost.set(key, { channel, threadId: post.thread_id, id: post.id });
          if (seen.size >= limit) break;
        }
      }
      const rows = [...latestPost.values()].sort((a, b) => b.id - a.id).slice(0, limit);
      const threads = rows.flatMap((r) => {
        const thread = getThread(r.channel, r.threadId);
        if (!thread) return [];
        const latest = latestMention.get(r.channel, r.threadId) as MentionRowWithDecision | undefined;
        return [{ thread, latest: latest && mentionFromRow(latest) }];
      });
      // Per channel (a thread is on one): identities on the same channel may share threads, counted once.
      const byChannel = new Map<string, string[]>();
      for (const { channel, author } of identities) byChannel.set(channel, [...(byChannel.get(channel) ?? []), author]);
      let total = 0;
      for (const [channel, authors] of byChannel) total += count(channel, authors);
      return { threads, total };
    },
  };
}
