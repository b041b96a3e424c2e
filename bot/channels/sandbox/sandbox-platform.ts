import { randomUUID } from 'node:crypto';
import { isSqliteBusy } from '../../../store/data-dir-error.js';
import { openDatabase, type SqliteDatabase } from '../../../store/open-database.js';
import { StoreUnavailableError } from '../../../store/store-unavailable.js';

/** Runs a statement of the sandbox's own file; a lock held by another process is a 503, as for the inbox. */
function unlessBusy<T>(statement: () => T): T {
  try {
    return statement();
  } catch (err) {
    throw isSqliteBusy(err) ? new StoreUnavailableError(err as Error) : err;
  }
}

export interface SandboxPost {
  id: string;
  threadId: string;
  author: string;
  text: string;
  inReplyTo: string | null;
  createdAt: string;
}

/**
 * The sandbox's "platform": public threads of posts, kept in their own SQLite file so they stay
 * apart from the responder's inbox and outbox, as a real platform's would. Like Mastodon, it
 * remembers idempotency keys: a reply sent twice with the same key is posted once.
 */
export function openSandboxPlatform(dataDir: string) {
  // A stand-in for a platform: what first-reply must not lose is in its own file, first-reply.db.
  const db: SqliteDatabase = openDatabase(dataDir, 'sandbox.db', { synchronous: 'NORMAL' });
  db.exec(`
    CREATE TABLE IF NOT EXISTS posts (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      thread_id TEXT NOT NULL,
      author TEXT NOT NULL,
      text TEXT NOT NULL,
      in_reply_to TEXT,
      idempotency_key TEXT UNIQUE,
      created_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS posts_thread ON posts (thread_id, seq);`);
  const byId = db.prepare(
    'SELECT id, thread_id AS threadId, author, text, in_reply_to AS inReplyTo, created_at AS createdAt FROM posts WHERE id = ?',
  );
  const inThread = db.prepare(
    'SELECT id, thread_id AS threadId, author, text, in_reply_to AS inReplyTo, created_at AS createdAt FROM posts WHERE thread_id = ? ORDER BY seq',
  );
  const insert = db.prepare(`
    INSERT INTO posts (id, thread_id, author, text, in_reply_to, idempotency_key, created_at)
    VALUES (@id, @threadId, @author, @text, @inReplyTo, @key, @createdAt)
    ON CONFLICT DO NOTHING`);
  const byKey = db.prepare('SELECT id FROM posts WHERE idempotency_key = ?');

  return {
    /** Publishes a post. With an existing `id` nothing new is posted (a re-delivery). */
    publish(input: { id?: string; author: string; text: string; inReplyTo?: string; idempotencyKey?: string }): {
      post: SandboxPost;
      isNew: boolean;
    } {
      return unlessBusy(() => publish(input));
    },
    post: (id: string) => unlessBusy(() => byId.get(id) as SandboxPost | undefined),
    thread: (threadId: string) => unlessBusy(() => inThread.all(threadId) as SandboxPost[]),
    close: () => db.close(),
  };

  function publish(input: { id?: string; author: string; text: string; inReplyTo?: string; idempotencyKey?: string }): {
    post: SandboxPost;
    isNew: boolean;
  } {
    // One write per post: a re-delivery or a second copy is found only when the insert is refused.
    const id = input.id ?? `sb-${randomUUID()}`;
    const parent = input.inReplyTo ? (byId.get(input.inReplyTo) as SandboxPost | undefined) : undefined;
    if (input.inReplyTo && !parent) throw new SandboxError(`post ${input.inReplyTo} does not exist`);
    const post = {
      id,
      threadId: parent?.threadId ?? id,
      author: input.author,
      text: input.text,
      inReplyTo: input.inReplyTo ?? null,
      createdAt: new Date().toISOString(),
    };
    if (insert.run({ ...post, key: input.idempotencyKey ?? null }).changes > 0) return { post, isNew: true };
    const seen = input.idempotencyKey ? (byKey.get(input.idempotencyKey) as { id: string } | undefined) : undefined;
    return { post: byId.get(seen?.id ?? id) as SandboxPost, isNew: false };
  }
}

export type SandboxPlatform = ReturnType<typeof openSandboxPlatform>;

export class SandboxError extends Error {
  override name = 'SandboxError';
}
