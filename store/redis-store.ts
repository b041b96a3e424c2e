import type { Mention, ReplyKind, StoredMention } from './mention.js';
import { groupCommit } from './group-commit.js';
import { eventJson, fromPairs, toDecision, toMention, toReply, toThread } from './redis-rows.js';
import { scriptRunner, type RedisClient } from './redis-script-runner.js';
import { ACCEPT_MENTIONS, CLAIM_MENTIONS, COMMIT_TURNS, EARLIER_MENTIONS, OVERDUE_MENTIONS } from './redis-mention-scripts.js';
import { COUNT_THREAD_STATES, INDEX_AGENT_THREADS, INDEX_THREAD } from './redis-index-scripts.js';
import { REQUEUE_OPEN_THREADS } from './redis-queue-index.js';
import { CLAIM_REPLIES, COUNT_BOT_REPLIES, MARK_FAILED, MARK_SENT, OWN_REPLY } from './redis-outbox-scripts.js';
import { MARK_RETRY, PAUSE_CHANNEL, PROBE_RETRY, PULL_FORWARD, TAKE_PROBE_TURN } from './redis-retry-scripts.js';
import { STEP_TEXT_BYTES, textBytes } from './step-budget.js';
import { toEarlierMention } from './earlier-mentions.js';
import { EARLIER_TEXT_CHARS, type AcceptResult, type Store, type TurnOutcome } from './store.js';
import type { ThreadState } from './thread-state.js';

const rows = (reply: unknown) => (reply as unknown[]).map(fromPairs);
const counts = (hash: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(hash)
      .map(([k, v]) => [k, Number(v)] as const)
      .filter(([, n]) => n > 0),
  );

/** Who changed the thread: the bot handing off, or the brand account that replied natively. */
const stateActor = (outcome: TurnOutcome) =>
  outcome.threadState && outcome.threadState !== 'waiting' ? (outcome.assignee ?? 'platform') : 'bot';

/** A turn as the commit script reads it: strings only, '' for absent. */
function turnArg(m: StoredMention, outcome: TurnOutcome, now: number) {
  return {
    id: String(m.id),
    status: outcome.status,
    decision: JSON.stringify(outcome.decision),
    channel: m.channel,
    platformId: m.platformId,
    threadId: m.threadId,
    author: m.author,
    replyContext: m.replyContext ? JSON.stringify(m.replyContext) : '',
    replies: outcome.replies.map((r) => ({ text: r.text, kind: r.kind })),
    threadState: outcome.threadState ?? '',
    assignee: outcome.assignee ?? '',
    stateEvent: outcome.threadState
      ? eventJson(`state:${outcome.threadState}`, stateActor(outcome), now, { mentionId: m.id, status: outcome.status })
      : '',
    dropThread: outcome.dropThread ? '1' : '',
  };
}

/**
 * The store shared by several instances: one Redis server, every guard a Lua script (atomic on the
 * server), leases that simply expire, so a killed instance's work is taken over after its lease.
 * `prefix` starts every key (see redis-scripts-common.ts for the layout).
 */
export function createRedisStore(client: RedisClient, prefix: string): Store {
  const run = scriptRunner(client);
  const P = prefix;
  // The accepts that arrive within one turn of the event loop go to Redis in one script call, as many
  // as fit in a step's budget of text (building the call and the script's run are synchronous); each
  // caller is answered once it has run (with appendfsync always, once it is on disk).
  const groupAccept = groupCommit<{ m: Mention; now: number; deadlineAt: number }, AcceptResult>(
    async (batch) => {
      const reply = (await run(ACCEPT_MENTIONS, [
        P,
        ...batch.flatMap(({ m, now, deadlineAt }) => [
          m.channel,
          m.platformId,
          m.threadId,
          m.author,
          m.authorIsBot ? 1 : 0,
          m.text,
          m.createdAt,
          m.permalink ?? '',
          m.replyContext ? JSON.stringify(m.replyContext) : '',
          now,
          deadlineAt,
        ]),
      ])) as (string | number)[];
      return batch.map((_, i) => ({ mentionId: Number(reply[2 * i]), duplicate: Number(reply[2 * i + 1]) === 1 }));
    },
    { weigh: (a) => textBytes(a.m.text), maxBytes: STEP_TEXT_BYTES },
  );

  return {
    acceptMention(m, now, deadlineAt) {
      return groupAccept({ m, now, deadlineAt });
    },
    async claimMentions(limit, now, leaseMs, maxTextBytes = STEP_TEXT_BYTES) {
      return rows(await run(CLAIM_MENTIONS, [P, limit, now, now + leaseMs, maxTextBytes])).map(toMention);
    },
    async overdueMentions(limit, now, maxTextBytes = STEP_TEXT_BYTES) {
      return rows(await run(OVERDUE_MENTIONS, [P, now, limit, maxTextBytes])).map(toMention);
    },
    async commitTurn(mention, outcome, now) {
      return (await this.commitTurns([{ mention, outcome }], now))[0]!;
    },
    async commitTurns(turns, now) {
      if (turns.length === 0) return [];
      const payload = JSON.stringify(turns.map((t) => turnArg(t.mention, t.outcome, now)));
      return ((await run(COMMIT_TURNS, [P, now, payload])) as number[]).map((n) => Number(n) === 1);
    },
    async getMention(id) {
      const row = await client.hGetAll(`${P}mention:${id}`);
      if (!row.id) return undefined;
      return { ...toMention(row), decision: toDecision(row) };
    },
    async getThread(channel, threadId) {
      const row = await client.hGetAll(`${P}thread:${channel}:${threadId}`);
      return row.state ? toThread(row) : undefined;
    },
    async earlierMentions(channel, threadId, beforeId, limit) {
      const reply = (await run(EARLIER_MENTIONS, [P, channel, threadId, beforeId, limit, 4 * EARLIER_TEXT_CHARS])) as string[][];
      return reply
        .reverse()
        .map(([id, author, text, status, entryId, reason, topic, language]) =>
          toEarlierMention({ id: id!, author: author!, text: text!, status: status!, entry_id: entryId, reason, topic, language }),
        );
    },
    async isOwnReply(channel, threadId, platformId, text) {
      return Number(await run(OWN_REPLY, [P, channel, threadId, platformId, text, Date.now()])) === 1;
    },
    async countBotReplies(channel, recipient, since) {
      return Number(await run(COUNT_BOT_REPLIES, [P, channel, recipient, since]));
    },
    async claimDueReplies(limit, now, leaseMs, pausedChannels) {
      return rows(await run(CLAIM_REPLIES, [P, limit, now, now + leaseMs, ...pausedChannels])).map(toReply);
    },
    async markRepliesSent(sent, now) {
      if (sent.length > 0) await run(MARK_SENT, [P, now, ...sent.flatMap((s) => [s.id, s.platformId])]);
    },
    async markReplyRetry(id, retryAt, error, countAttempt) {
      await run(MARK_RETRY, [P, id, retryAt, error, countAttempt ? 0 : 1]);
    },
    async pullForwardRetries(channel, now, everyMs) {
      return Number(await run(PULL_FORWARD, [P, channel, now, everyMs]));
    },
    async probeRetry(channel, now) {
      return Number(await run(PROBE_RETRY, [P, channel, now])) === 1;
    },
    async takeProbeTurn(channel, now, firstMs, maxMs) {
      const [granted, nextAt] = (await run(TAKE_PROBE_TURN, [P, channel, now, firstMs, maxMs])) as number[];
      return { granted: Number(granted) === 1, nextAt: Number(nextAt) };
    },
    async endProbeTurns(channel) {
      await client.hDel(`${P}outbox:probe-turns`, [`${channel}:at`, `${channel}:every`]);
    },
    async markReplyFailed(id, reason, now) {
      const row = (await run(MARK_FAILED, [
        P,
        id,
        reason,
        now,
        eventJson('reply_failed', 'bot', now, { replyId: id, error: reason }),
        eventJson('state:waiting', 'bot', now, { replyId: id, reason: 'reply_failed', error: reason }),
      ])) as string[];
      if (row.length === 0) return undefined;
      const [channel, threadId, kind, recipient, mentionId, handedOff, state] = row.map(String);
      return {
        channel: channel!,
        threadId: threadId!,
        kind: kind as ReplyKind,
        recipient: recipient!,
        mentionId: mentionId ? Number(mentionId) : null,
        handedOff: handedOff === '1',
        state: state as ThreadState,
      };
    },
    async checkWritable() {
      await client.ping();
    },
    async stats() {
      const [mentions, outbox] = await Promise.all([client.hGetAll(`${P}stats:mentions`), client.hGetAll(`${P}stats:outbox`)]);
      return { mentions: counts(mentions), outbox: counts(outbox) };
    },
    async releaseLeases() {
      // Other live instances may hold leases: they run out on their own (a dead instance's too).
    },
    async pauseChannel(channel, until) {
      await run(PAUSE_CHANNEL, [P, channel, until]);
    },
    async pausedChannels(now) {
      const all = await client.hGetAll(`${P}paused`);
      return Object.fromEntries(
        Object.entries(all)
          .map(([k, v]) => [k, Number(v)] as const)
          .filter(([, until]) => until > now),
      );
    },
    async close() {
      if (client.isOpen) await client.close();
    },
  };
}

/** A SCAN pattern for keys under `prefix`: the prefix's glob characters taken literally. */
export const keyPattern = (prefix: string, glob: string) => `${prefix.replace(/[*?[\]\\]/g, '\\$&')}${glob}`;

/**
 * The layout version: 2 with the handoff indexes, 3 with the person-owned threads set, 4 with the
 * state counters, 5 with the queue's sorted sets, 6 with the SLA clocks' (see redis-scripts-common.ts).
 */
const SCHEMA = 6;

/**
 * Indexes data written before the handoff layer (a thread's mentions and replies, the open
 * threads, sent replies' platform ids) and before the person-owned threads set, once per data set:
 * the queue, transcripts and the outbox's claim read only the indexes. Idempotent, so instances
 * starting together may both run it.
 */
export async function indexThreadsOnce(client: RedisClient, prefix: string): Promise<void> {
  const schema = Number(await client.get(`${prefix}schema`));
  if (schema >= SCHEMA) return;
  // A new data set (no mention yet) has nothing older to index: no scan of a server others share.
  if ((await client.exists(`${prefix}seq:mention`)) === 0) {
    await client.set(`${prefix}schema`, String(SCHEMA));
    return;
  }
  const run = scriptRunner(client);
  if (schema < 2) await indexHandoffLayer(client, prefix, run);
  if (schema < 3) await run(INDEX_AGENT_THREADS, [prefix]);
  if (schema < 4) await run(COUNT_THREAD_STATES, [prefix, keyPattern(prefix, 'thread:*')]);
  // Older open threads enter the queue's sets unranked (the handoff layer ranks them at its first read)
  // and the SLA clocks' sets (a notice sent before is found at its next claim, which marks the thread).
  await run(REQUEUE_OPEN_THREADS, [prefix]);
  await client.set(`${prefix}schema`, String(SCHEMA));
}

async function indexHandoffLayer(client: RedisClient, prefix: string, run: ReturnType<typeof scriptRunner>): Promise<void> {
  const threads = new Map<string, { channel: string; threadId: string; mentions: string[]; replies: string[] }>();
  const collect = async (kind: 'mention' | 'reply') => {
    for await (const keys of client.scanIterator({ MATCH: keyPattern(prefix, `${kind}:*`), COUNT: 1000 })) {
      const rows = await Promise.all(keys.map((key) => client.hmGet(key, ['id', 'channel', 'thread_id'])));
      for (const [id, channel, threadId] of rows) {
        if (!id || !channel || !threadId) continue;
        const key = `${channel}:${threadId}`;
        let thread = threads.get(key);
        if (!thread) threads.set(key, (thread = { channel, threadId, mentions: [], replies: [] }));
        (kind === 'mention' ? thread.mentions : thread.replies).push(id);
      }
    }
  };
  await collect('mention');
  await collect('reply');
  for (const t of threads.values())
    await run(INDEX_THREAD, [prefix, t.channel, t.threadId, t.mentions.length, ...t.mentions, ...t.replies]);
}
