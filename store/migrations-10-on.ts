/** The schema's versions from 10 on (issues 19 to 22): the quota, languages, learned examples, teams, the queue's journal. */
export const MIGRATIONS_FROM_10: string[] = [
  `
  CREATE TABLE quota_spends (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,
    at INTEGER NOT NULL,
    units INTEGER NOT NULL
  );
  CREATE INDEX quota_spends_channel_at ON quota_spends (channel, at);
  `,
  // The language the turn detected, as a column of the mention (routing rules, SQL reports) read from
  // the decision it is recorded with: no second copy to keep in step, nothing to backfill.
  `
  ALTER TABLE mentions ADD COLUMN language TEXT GENERATED ALWAYS AS (json_extract(decision, '$.understanding.language')) VIRTUAL;
  `,
  `
  CREATE TABLE learned_candidates (
    id INTEGER PRIMARY KEY,
    entry_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    channel TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    mention_id INTEGER NOT NULL,
    agent TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    decided_by TEXT,
    decided_at INTEGER,
    UNIQUE (mention_id, entry_id, kind)
  );
  CREATE INDEX learned_candidates_pending ON learned_candidates (status, id);
  `,
  // Teams (issue 20): each team's members and webhook, each thread's team, the recent handoffs for the routing dry run.
  `
  CREATE TABLE teams (
    name TEXT PRIMARY KEY,
    webhook_url TEXT,
    webhook_format TEXT
  ) WITHOUT ROWID;
  CREATE TABLE team_members (
    team TEXT NOT NULL REFERENCES teams (name) ON DELETE CASCADE,
    user_name TEXT NOT NULL,
    PRIMARY KEY (team, user_name)
  ) WITHOUT ROWID;
  CREATE TABLE thread_teams (
    channel TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    team TEXT NOT NULL,
    PRIMARY KEY (channel, thread_id)
  ) WITHOUT ROWID;
  CREATE TABLE handoff_samples (
    id INTEGER PRIMARY KEY,
    sample TEXT NOT NULL
  );
  `,
  // The queue's change journal: every change a queue listing could see (an open thread's row, or a
  // mention of it: its latest one's id and status) stamps the thread with the next number of one
  // clock, so a listing reads the threads changed since the last one (an index range), not every
  // open thread. Triggers, so that no write path can forget it.
  `
  CREATE TABLE queue_clock (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
  INSERT INTO queue_clock (id, seq) VALUES (1, 0);
  ALTER TABLE threads ADD COLUMN queue_seq INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX threads_queue_seq ON threads (queue_seq);
  CREATE TRIGGER threads_queue_insert AFTER INSERT ON threads WHEN NEW.state IN ('waiting', 'agent')
  BEGIN
    UPDATE queue_clock SET seq = seq + 1;
    UPDATE threads SET queue_seq = (SELECT seq FROM queue_clock) WHERE channel = NEW.channel AND thread_id = NEW.thread_id;
  END;
  CREATE TRIGGER threads_queue_update AFTER UPDATE ON threads
    WHEN NEW.queue_seq = OLD.queue_seq AND (NEW.state IN ('waiting', 'agent') OR OLD.state IN ('waiting', 'agent'))
  BEGIN
    UPDATE queue_clock SET seq = seq + 1;
    UPDATE threads SET queue_seq = (SELECT seq FROM queue_clock) WHERE channel = NEW.channel AND thread_id = NEW.thread_id;
  END;
  CREATE TRIGGER mentions_queue_insert AFTER INSERT ON mentions
    WHEN EXISTS (SELECT 1 FROM threads WHERE channel = NEW.channel AND thread_id = NEW.thread_id AND state IN ('waiting', 'agent'))
  BEGIN
    UPDATE queue_clock SET seq = seq + 1;
    UPDATE threads SET queue_seq = (SELECT seq FROM queue_clock) WHERE channel = NEW.channel AND thread_id = NEW.thread_id;
  END;
  CREATE TRIGGER mentions_queue_status AFTER UPDATE OF status ON mentions
    WHEN NEW.status IS NOT OLD.status
      AND EXISTS (SELECT 1 FROM threads WHERE channel = NEW.channel AND thread_id = NEW.thread_id AND state IN ('waiting', 'agent'))
  BEGIN
    UPDATE queue_clock SET seq = seq + 1;
    UPDATE threads SET queue_seq = (SELECT seq FROM queue_clock) WHERE channel = NEW.channel AND thread_id = NEW.thread_id;
  END;
  `,
  // Reports (issue 20): counters of decisions and people's reply times per UTC hour, written when they
  // happen, so a report reads one index range of its period instead of every thread.
  `
  CREATE TABLE report_cells (
    kind TEXT NOT NULL,
    hour INTEGER NOT NULL,
    cell TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (kind, hour, cell)
  ) WITHOUT ROWID;
  `,
];
