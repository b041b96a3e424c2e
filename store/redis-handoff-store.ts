import { LISTED_TEXT_CHARS, listedHead } from './step-budget.js';
import { eventJson, fromPairs, toDecision, toHandoffThread, toMention, toThreadEvent, toTranscriptReply } from './redis-rows.js';
import { scriptRunner, type RedisClient } from './redis-script-runner.js';
import { keyPattern } from './redis-store.js';
import { OPEN_STATES, type ThreadState } from './thread-state.js';
import type { HandoffStore, HandoffThread, SlaDay, TransitionResult } from './handoff-store.js';
import * as lua from './redis-handoff-scripts.js';
import { createRedisNoReply } from './redis-no-reply.js';
import { MARK_READ } from './redis-lifecycle-scripts.js';
import { createRedisCustomers } from './redis-customers.js';
import { createRedisThreadTags } from './redis-thread-tags.js';
import { createRedisTeams } from './redis-teams.js';
import { createRedisReportCells } from './redis-report-cells.js';
import { createRedisReportBackfill } from './redis-report-backfill.js';
import { createRedisThreadVersions } from './redis-thread-versions.js';
import { createRedisQueueIndex } from './redis-queue-index.js';

const DAY_MS = 86_400_000;

const threadOrUndefined = (pairs: unknown): HandoffThread | undefined => {
  const row = fromPairs(pairs);
  return row.state ? toHandoffThread(row) : undefined;
};
const mentionWithDecision = (row: Record<string, string>) => ({ ...toMention(row), decision: toDecision(row) });
const flag = (on: boolean) => (on ? '1' : '0');

/**
 * Thread ownership on the responder's Redis (the same keys as store/redis-store.ts). Every guard
 * is one Lua script, atomic across all instances; the queue and the SLA report read indexes the
 * scripts keep (open threads, per-thread lists, per-day counters), never a scan of the keyspace.
 */
export function createRedisHandoffStore(client: RedisClient, prefix: string): HandoffStore {
  const run = scriptRunner(client);
  const P = prefix;

  /** Members ("<channel>:<thread id>") of every thread: only for states outside the queue, which no index keeps. */
  const allThreadMembers = async () => {
    const members: string[] = [];
    for await (const keys of client.scanIterator({ MATCH: keyPattern(P, 'thread:*'), COUNT: 1000 }))
      members.push(...keys.map((k) => k.slice(`${P}thread:`.length)));
    return members;
  };

  const threadsIn = async (states: readonly ThreadState[], withLatest: boolean) => {
    let members: string[] = [];
    if (!states.every((s) => OPEN_STATES.includes(s))) {
      members = await allThreadMembers();
      if (members.length === 0) return [];
    }
    // The script cuts long texts by bytes (more than LISTED_TEXT_CHARS characters); cut here as SQLite's text_head is.
    const rows = (await run(lua.LIST_THREADS, [P, flag(withLatest), LISTED_TEXT_CHARS * 4 + 4, states.length, ...states, ...members])) as [
      unknown,
      unknown,
    ][];
    return rows.map(([thread, latest]) => {
      const mention = fromPairs(latest);
      if (mention.text !== undefined) mention.text = listedHead(mention.text) ?? mention.text;
      return { thread: toHandoffThread(fromPairs(thread)), latest: mention.id ? mentionWithDecision(mention) : undefined };
    });
  };

  return {
    ...createRedisNoReply(run, P),
    ...createRedisCustomers(run, P),
    ...createRedisThreadTags(client, run, P),
    ...createRedisTeams(client, run, P),
    ...createRedisReportCells(client, P),
    ...createRedisReportBackfill(client, run, P),
    ...createRedisThreadVersions(run, P),
    ...createRedisQueueIndex(client, run, P),
    async getThread(channel, threadId) {
      const row = await client.hGetAll(`${P}thread:${channel}:${threadId}`);
      return row.state ? toHandoffThread(row) : undefined;
    },
    async transition(r): Promise<TransitionResult> {
      const [ok, row, overCap] = (await run(lua.TRANSITION, [
        P,
        r.channel,
        r.threadId,
        r.to,
        flag(r.assignee !== undefined),
        r.assignee ?? '',
        flag(r.ifAssignee !== undefined),
        r.ifAssignee ?? '',
        flag(r.ifLastActivityAt !== undefined),
        r.ifLastActivityAt ?? '',
        r.now,
        eventJson(r.event.type, r.event.actor, r.now, r.event.data),
        flag(r.ifNoCustomerReply === true),
        r.claimCap ?? '',
        ...r.from,
      ])) as [number, unknown, number?];
      const thread = threadOrUndefined(row);
      return Number(ok) === 1 ? { ok: true, thread: thread! } : { ok: false, thread, ...(overCap ? { overCap: true } : {}) };
    },
    async listThreads(states) {
      return threadsIn(states, true);
    },
    async transcript(channel, threadId) {
      const [mentions, replies, events] = (await run(lua.TRANSCRIPT, [P, channel, threadId])) as [unknown[], unknown[], string[]];
      return {
        mentions: mentions.map((m) => mentionWithDecision(fromPairs(m))),
        replies: replies.map((r) => toTranscriptReply(fromPairs(r))),
        events: events.map((e) => toThreadEvent(channel, threadId, e)),
      };
    },
    async queueAgentReply(r) {
      const [ok, ids, row, first] = (await run(lua.QUEUE_AGENT_REPLY, [
        P,
        r.channel,
        r.threadId,
        r.actor,
        r.inReplyTo,
        r.recipient,
        r.replyContext ? JSON.stringify(r.replyContext) : '',
        r.requestId,
        r.now,
        ...r.parts,
      ])) as [number, unknown[], unknown, number];
      return {
        ok: Number(ok) === 1,
        replyIds: ids.map(Number),
        thread: threadOrUndefined(row),
        firstResponseMs: Number(first) >= 0 ? Number(first) : null,
      };
    },
    async markRead(r) {
      const [ok, row] = (await run(MARK_READ, [P, r.channel, r.threadId, r.reader])) as [number, unknown];
      const thread = threadOrUndefined(row);
      return Number(ok) === 1 ? { ok: true, thread: thread! } : { ok: false, thread };
    },
    async idleClaims(before) {
      // The oldest idle claims from the claims' activity index (redis-queue-lua.ts), a slice a tick, checked again on their rows.
      const members = (await client.sendCommand([
        'ZRANGEBYSCORE',
        `${P}claims:activity`,
        '-inf',
        `(${before}`,
        'LIMIT',
        '0',
        '500',
      ])) as string[];
      if (members.length === 0) return [];
      const rows = (await run(lua.LIST_THREADS, [P, '0', '0', '1', 'agent', ...members])) as [unknown, unknown][];
      return rows
        .map(([thread]) => toHandoffThread(fromPairs(thread)))
        .filter(
          (t) =>
            t.assignee !== null && !t.assignee.startsWith('platform:') && (t.lastAgentActivityAt ?? t.claimedAt ?? t.updatedAt) < before,
        );
    },
    async recordEvent(e) {
      await client.rPush(`${P}thread-events:${e.channel}:${e.threadId}`, eventJson(e.type, e.actor, e.at, e.data));
    },
    async recordEventOnce(e, since) {
      return (
        Number(await run(lua.RECORD_EVENT_ONCE, [P, e.channel, e.threadId, e.type, since, eventJson(e.type, e.actor, e.at, e.data)])) === 1
      );
    },
    async slaDays(since) {
      const days = (await run(lua.SLA_DAYS, [P, Math.floor(since / DAY_MS)])) as [string, unknown, string[], string[]][];
      return days.map(([day, counters, human, next]): SlaDay => {
        const c = fromPairs(counters);
        return {
          day: new Date(Number(day) * DAY_MS).toISOString().slice(0, 10),
          mentions: Number(c.mentions ?? 0),
          within1m: Number(c.within1m ?? 0),
          within5m: Number(c.within5m ?? 0),
          within60m: Number(c.within60m ?? 0),
          noReply: Number(c.no_reply ?? 0),
          humanFirstResponsesMs: human.map(Number),
          humanNextResponsesMs: next.map(Number),
        };
      });
    },
  };
}
