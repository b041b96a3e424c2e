/** The schema's versions from 10 on (issues 19 to 22): the quota, languages, learned examples, teams, the queue's journal, one author index dropped. */
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
  // 15: the customer panel reads an author's threads from mentions_author (channel, author, id,
  // thread_id), which holds every column its thread count needs too (counted with a sort of that one
  // author's thread ids): the second author index cost every accepted mention one more index write.
  `
  DROP INDEX IF EXISTS mentions_author_threads;
  `,
  // 16: workload balance (issue 20): the priority a routing rule set on a thread, which the queue ranks
  // it by, and each team's last auto-assigned agent, so the round robin survives restarts and is
  // shared by every instance.
  `
  ALTER TABLE threads ADD COLUMN routed_priority TEXT;
  CREATE TABLE team_rotation (team TEXT PRIMARY KEY, last_pick TEXT NOT NULL);
  `,
  // 17: the queue in queue order (store/queue-index.ts): each open thread's place as one generated number
  // (priority, answered, wait start), read through partial indexes a view each, so that a page is an
  // index range after its cursor. The priority is worked out by the handoff layer from the latest
  // mention (intents/ rules); whenever the latest mention or its decision changes the trigger forgets
  // it, and the thread is ranked again. Existing threads start unranked: ranked at the first queue read.
  `
  ALTER TABLE threads ADD COLUMN queue_priority INTEGER;
  ALTER TABLE threads ADD COLUMN queue_score INTEGER GENERATED ALWAYS AS (
    (63 - COALESCE(queue_priority, 0)) * 4398046511104
    + CASE WHEN first_human_reply_at IS NOT NULL AND customer_replied_at IS NULL THEN 2199023255552 ELSE 0 END
    + COALESCE(customer_replied_at, handoff_at, updated_at)) VIRTUAL;
  CREATE INDEX threads_queue_open ON threads (queue_score) WHERE state IN ('waiting', 'agent');
  CREATE INDEX threads_queue_waiting ON threads (queue_score) WHERE state = 'waiting';
  CREATE INDEX threads_queue_replied ON threads (queue_score) WHERE state IN ('waiting', 'agent') AND customer_replied_at IS NOT NULL;
  CREATE INDEX threads_queue_mine ON threads (assignee, queue_score) WHERE state = 'agent';
  CREATE INDEX threads_queue_unranked ON threads (channel, thread_id) WHERE queue_priority IS NULL AND state IN ('waiting', 'agent');
  CREATE TRIGGER mentions_queue_unrank_insert AFTER INSERT ON mentions
  BEGIN
    UPDATE threads SET queue_priority = NULL WHERE channel = NEW.channel AND thread_id = NEW.thread_id AND queue_priority IS NOT NULL;
  END;
  CREATE TRIGGER mentions_queue_unrank_update AFTER UPDATE OF status, decision, text ON mentions
    WHEN NEW.status IS NOT OLD.status OR NEW.decision IS NOT OLD.decision OR NEW.text IS NOT OLD.text
  BEGIN
    UPDATE threads SET queue_priority = NULL WHERE channel = NEW.channel AND thread_id = NEW.thread_id AND queue_priority IS NOT NULL;
  END;
  CREATE TRIGGER threads_queue_unrank_routed AFTER UPDATE OF routed_priority ON threads
    WHEN NEW.routed_priority IS NOT OLD.routed_priority
  BEGIN
    UPDATE threads SET queue_priority = NULL WHERE channel = NEW.channel AND thread_id = NEW.thread_id;
  END;
  `,
  // 18: Emerging incidents raised in the service (issue 19): the group, and the threads of its mentions.
  `
  CREATE TABLE emerging_groups (
    id TEXT PRIMARY KEY,
    raised_at INTEGER NOT NULL,
    size INTEGER NOT NULL,
    authors INTEGER NOT NULL,
    words TEXT NOT NULL,
    samples TEXT NOT NULL,
    draft_id TEXT NOT NULL,
    draft_yaml TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    entry_id TEXT,
    decided_by TEXT,
    decided_at INTEGER
  );
  CREATE INDEX emerging_groups_status_raised ON emerging_groups (status, raised_at);
  CREATE TABLE emerging_group_threads (
    group_id TEXT NOT NULL,
    thread_key TEXT NOT NULL,
    PRIMARY KEY (group_id, thread_key)
  );
  `,
  // 19: Reports (issue 20): counters of decisions and people's reply times per UTC hour, written when they
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
  // Emerging incidents answered in pages (issue 19): the last thread row a group held when it was
  // answered, and each thread's take and outcome, so an answering stopped mid-way resumes where it was.
  // Groups answered before answered every thread at once: they have no bound, so nothing resumes.
  `
  ALTER TABLE emerging_groups ADD COLUMN answer_upto INTEGER;
  ALTER TABLE emerging_group_threads ADD COLUMN taken_at INTEGER;
  ALTER TABLE emerging_group_threads ADD COLUMN outcome TEXT;
  `,
  // Reports' backfill (issue 20): the counters of data written before them, counted once from the
  // mentions and thread events, a page of mention ids at a time (store/report-backfill.ts).
  `
  CREATE TABLE report_backfill (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    boundary INTEGER NOT NULL,
    cursor INTEGER NOT NULL DEFAULT 0,
    done INTEGER NOT NULL DEFAULT 0
  );
  `,
  // 22: the SLA clocks (store/queue-index.ts slaClocks): for which clock start each notice was
  // recorded, and a partial index per notice of the threads it may still be sent for, in clock order,
  // so that the handoff loop reads the threads due instead of every open thread. Notices already sent
  // are copied from the events.
  `
  ALTER TABLE threads ADD COLUMN sla_warning_since INTEGER;
  ALTER TABLE threads ADD COLUMN sla_breach_since INTEGER;
  ALTER TABLE threads ADD COLUMN sla_next_breach_since INTEGER;
  CREATE INDEX threads_sla_warning ON threads (handoff_at) WHERE state IN ('waiting', 'agent') AND handoff_at IS NOT NULL
    AND first_human_reply_at IS NULL AND customer_replied_at IS NULL AND sla_warning_since IS NOT handoff_at
    AND sla_breach_since IS NOT handoff_at;
  CREATE INDEX threads_sla_breach ON threads (handoff_at) WHERE state IN ('waiting', 'agent') AND handoff_at IS NOT NULL
    AND first_human_reply_at IS NULL AND customer_replied_at IS NULL AND sla_breach_since IS NOT handoff_at;
  CREATE INDEX threads_sla_next_breach ON threads (customer_replied_at) WHERE state IN ('waiting', 'agent')
    AND customer_replied_at IS NOT NULL AND sla_next_breach_since IS NOT customer_replied_at;
  UPDATE threads SET
    sla_warning_since = CASE WHEN EXISTS (SELECT 1 FROM thread_events e WHERE e.channel = threads.channel
      AND e.thread_id = threads.thread_id AND e.type = 'sla_warning' AND e.at >= threads.handoff_at) THEN handoff_at END,
    sla_breach_since = CASE WHEN EXISTS (SELECT 1 FROM thread_events e WHERE e.channel = threads.channel
      AND e.thread_id = threads.thread_id AND e.type = 'sla_breach' AND e.at >= threads.handoff_at) THEN handoff_at END,
    sla_next_breach_since = CASE WHEN EXISTS (SELECT 1 FROM thread_events e WHERE e.channel = threads.channel
      AND e.thread_id = threads.thread_id AND e.type = 'sla_next_breach' AND e.at >= threads.customer_replied_at)
      THEN customer_replied_at END
  WHERE state IN ('waiting', 'agent');
  `,
  // 23: the queue's indexes also order ties by thread (issue 17), so that a page after a cursor is a
  // range of the index (score, then channel and thread id) read from the cursor on, not every thread
  // tied with the cursor's score.
  `
  DROP INDEX threads_queue_open;
  DROP INDEX threads_queue_waiting;
  DROP INDEX threads_queue_replied;
  DROP INDEX threads_queue_mine;
  CREATE INDEX threads_queue_open ON threads (queue_score, channel, thread_id) WHERE state IN ('waiting', 'agent');
  CREATE INDEX threads_queue_waiting ON threads (queue_score, channel, thread_id) WHERE state = 'waiting';
  CREATE INDEX threads_queue_replied ON threads (queue_score, channel, thread_id)
    WHERE state IN ('waiting', 'agent') AND customer_replied_at IS NOT NULL;
  CREATE INDEX threads_queue_mine ON threads (assignee, queue_score, channel, thread_id) WHERE state = 'agent';
  `,
];
