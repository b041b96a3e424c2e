/** The schema's first nine versions (issues up to 17): released, never edited. */
export const MIGRATIONS_1_TO_9: string[] = [
  `
  CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,
    platform_id TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    author TEXT NOT NULL,
    author_is_bot INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    permalink TEXT,
    reply_context TEXT,
    received_at INTEGER NOT NULL,
    deadline_at INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'received',
    lease_until INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    decision TEXT,
    decided_at INTEGER,
    UNIQUE (channel, platform_id)
  );
  CREATE INDEX mentions_open ON mentions (id) WHERE status = 'received';
  CREATE INDEX mentions_deadline ON mentions (deadline_at) WHERE status = 'received';
  CREATE INDEX mentions_thread ON mentions (channel, thread_id);

  CREATE TABLE threads (
    channel TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'bot',
    assignee TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (channel, thread_id)
  );

  CREATE TABLE thread_events (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    type TEXT NOT NULL,
    actor TEXT NOT NULL,
    at INTEGER NOT NULL,
    data TEXT
  );
  CREATE INDEX thread_events_thread ON thread_events (channel, thread_id, id);

  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    mention_id INTEGER REFERENCES mentions (id),
    channel TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    in_reply_to TEXT NOT NULL,
    recipient TEXT NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    reply_context TEXT,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    lease_until INTEGER NOT NULL DEFAULT 0,
    platform_reply_id TEXT,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    sent_at INTEGER
  );
  CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status = 'pending';
  CREATE INDEX outbox_recipient ON outbox (channel, recipient, created_at);
  CREATE INDEX outbox_mention ON outbox (mention_id, id);

  CREATE TABLE kv (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // Thread ownership (handoff/): when it was handed off, claimed, first answered by a person.
  `
  ALTER TABLE threads ADD COLUMN handoff_at INTEGER;
  ALTER TABLE threads ADD COLUMN claimed_at INTEGER;
  ALTER TABLE threads ADD COLUMN first_human_reply_at INTEGER;
  ALTER TABLE threads ADD COLUMN last_agent_activity_at INTEGER;
  ALTER TABLE outbox ADD COLUMN author TEXT;
  CREATE INDEX thread_events_type ON thread_events (type, at);
  CREATE INDEX threads_open ON threads (state) WHERE state IN ('waiting', 'agent');
  CREATE INDEX outbox_thread ON outbox (channel, thread_id, id);
  CREATE INDEX outbox_platform_reply ON outbox (channel, platform_reply_id) WHERE platform_reply_id IS NOT NULL;
  `,
  // A reply given up for good: why and when, shown to people until they hand the thread back or resolve it.
  `
  ALTER TABLE threads ADD COLUMN reply_failure TEXT;
  ALTER TABLE threads ADD COLUMN reply_failed_at INTEGER;
  `,
  // A reply waiting on a backoff after a network error or 5xx (not a rate-limit wait): brought forward
  // once a send on its channel succeeds again (Store.pullForwardRetries).
  `
  ALTER TABLE outbox ADD COLUMN backoff INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX outbox_backoff ON outbox (channel) WHERE status = 'pending' AND backoff = 1;
  `,
  // The start of a long mention's text, for listings of many threads (they never read the whole text).
  // Counts by status from an index: the status column lies after the text in each row, so a scan of
  // the table walks every long text's overflow pages to reach it.
  `
  ALTER TABLE mentions ADD COLUMN text_head TEXT;
  CREATE INDEX mentions_status ON mentions (status);
  `,
  // No-reply mentions (a thanks, spam, noise) as agents review them, newest first, by reason; and the
  // agent who turned one into a handoff (once: a second request finds it set).
  `
  ALTER TABLE mentions ADD COLUMN handed_off_by TEXT;
  ALTER TABLE mentions ADD COLUMN handed_off_at INTEGER;
  CREATE INDEX mentions_no_reply ON mentions (json_extract(decision, '$.reason'), id) WHERE status = 'no_reply';
  `,
  // 7: customer replied: the first follow-up no person or brand reply answered yet (the next-reply SLA
  // runs from it), and the unread marker (a customer mention since the owner last read the thread).
  `
  ALTER TABLE threads ADD COLUMN customer_replied_at INTEGER;
  ALTER TABLE threads ADD COLUMN unread_at INTEGER;
  `,
  // 8 (search): internal notes, and the full-text index of each thread (store/sqlite-search-store.ts):
  // one FTS5 row per thread, replaced with a higher rowid at each new text (newest activity first),
  // its facets beside it, filled by an indexer that trails intake (kv watermarks).
  `
  CREATE TABLE thread_notes (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    author TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX thread_notes_thread ON thread_notes (channel, thread_id, id);
  CREATE VIRTUAL TABLE search_text USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
  CREATE TABLE search_threads (
    channel TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    seq INTEGER NOT NULL UNIQUE,
    author TEXT,
    priority TEXT,
    topic TEXT,
    language TEXT,
    PRIMARY KEY (channel, thread_id)
  );
  CREATE TABLE search_marks (source TEXT PRIMARY KEY, last_id INTEGER NOT NULL);
  CREATE INDEX threads_state ON threads (state);
  `,
  // 9 (issue 17, one view of the customer): each author's threads, newest first, and how many
  // (a count by thread with no sort: the second index); identities an
  // agent linked into one customer, with the customer's notes; agents' tags on threads.
  `
  CREATE INDEX mentions_author ON mentions (channel, author, id, thread_id);
  CREATE INDEX mentions_author_threads ON mentions (channel, author, thread_id);
  CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    notes TEXT,
    notes_by TEXT,
    notes_at INTEGER,
    notes_version INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE customer_identities (
    channel TEXT NOT NULL,
    author TEXT NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    linked_at INTEGER NOT NULL,
    PRIMARY KEY (channel, author)
  );
  CREATE INDEX customer_identities_customer ON customer_identities (customer_id);
  CREATE TABLE thread_tags (
    channel TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (channel, thread_id, tag)
  ) WITHOUT ROWID;
  `,
];
