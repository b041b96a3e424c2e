import { randomUUID } from 'node:crypto';
import { fromPairs } from './redis-rows.js';
import { scriptRunner, type RedisClient } from './redis-script-runner.js';
import * as lua from './redis-search-scripts.js';
import { searchTokens } from './search-text.js';
import { SEARCH_DECISION_WAIT_MS, SEARCH_PART_CHARS, SEARCH_BODY_CHARS, type SearchHit, type SearchStore } from './search-store.js';
import type { ThreadState } from './thread-state.js';

/** Matches walked at most per search page (a rare state or assignee filter returns a shorter page and a cursor). */
const SCAN_BUDGET = 20_000;
const part = (text: string) => (text.length > SEARCH_PART_CHARS ? text.slice(0, SEARCH_PART_CHARS) : text);
const keyPart = (value: string) => value.replace(/[\s:*?[\]\\]/g, '_');

/** Search and notes on the responder's Redis (redis-search-scripts.ts has the key layout). */
export function createRedisSearchStore(client: RedisClient, prefix: string): SearchStore {
  const run = scriptRunner(client);
  const P = prefix;
  return {
    async addNote(n) {
      const id = Number(await run(lua.ADD_NOTE, [P, n.channel, n.threadId, n.author, n.text, n.now, searchTokens(part(n.text)).join(' ')]));
      return id === 0 ? undefined : { id, channel: n.channel, threadId: n.threadId, author: n.author, text: n.text, at: n.now };
    },
    async notes(channel, threadId) {
      return (await client.lRange(`${P}thread-notes:${channel}:${threadId}`, 0, -1)).map((json) => {
        const n = JSON.parse(json) as { id: number; author: string; text: string; at: number };
        return { id: n.id, channel, threadId, author: n.author, text: n.text, at: n.at };
      });
    },
    async indexPending(max, now, facetsOf) {
      const [mm, rm, sm, sr] = (
        await client.mGet([`${P}search:mark:mentions`, `${P}search:mark:replies`, `${P}seq:mention`, `${P}seq:reply`])
      ).map((v) => Number(v ?? 0)) as [number, number, number, number];
      const args: (string | number)[] = [];
      let lastMention = mm;
      const mentionIds = Array.from({ length: Math.max(0, Math.min(max, sm - mm)) }, (_, i) => mm + 1 + i);
      const mentions = await Promise.all(
        mentionIds.map((id) =>
          client.hmGet(`${P}mention:${id}`, ['channel', 'thread_id', 'author', 'text', 'status', 'decision', 'received_at']),
        ),
      );
      for (const [i, [channel, threadId, author, text, status, decision, receivedAt]] of mentions.entries()) {
        if (status === 'received' && Number(receivedAt) > now - SEARCH_DECISION_WAIT_MS) break;
        lastMention = mentionIds[i]!;
        if (!channel || !threadId || text === null || text === undefined) continue;
        let parsed: Record<string, unknown> | null = null;
        try {
          parsed = decision ? (JSON.parse(decision) as Record<string, unknown>) : null;
        } catch {
          // a decision that is not JSON: facets from the text alone
        }
        const customer = status !== 'ignored';
        const f = customer ? facetsOf(text, parsed) : { priority: null, topic: null, language: null };
        const t = part(text);
        args.push(channel, threadId, t, searchTokens(t).join(' '), customer ? '1' : '0', author ?? '', keyPart(f.priority ?? ''));
        args.push(keyPart(f.topic ?? ''), keyPart(f.language ?? ''));
      }
      const taken = lastMention - mm;
      const replyIds = Array.from({ length: Math.max(0, Math.min(max - taken, sr - rm)) }, (_, i) => rm + 1 + i);
      const replies = await Promise.all(replyIds.map((id) => client.hmGet(`${P}reply:${id}`, ['channel', 'thread_id', 'text'])));
      for (const [channel, threadId, text] of replies) {
        if (!channel || !threadId || !text) continue;
        const t = part(text);
        args.push(channel, threadId, t, searchTokens(t).join(' '), '0', '', '', '', '');
      }
      const lastReply = rm + replyIds.length;
      if (lastMention === mm && lastReply === rm) return 0;
      const done = Number(await run(lua.INDEX_TEXTS, [P, mm, lastMention, rm, lastReply, ...args]));
      return done === 1 ? taken + replyIds.length : 0;
    },
    async search(q) {
      const sets = q.terms.flatMap((t) => searchTokens(t)).map((t) => `t:${t}`);
      if (q.channel !== undefined) sets.push(`f:channel:${q.channel}`);
      if (q.priority !== undefined) sets.push(`f:priority:${keyPart(q.priority)}`);
      if (q.topic !== undefined) sets.push(`f:topic:${keyPart(q.topic)}`);
      if (q.language !== undefined) sets.push(`f:language:${keyPart(q.language)}`);
      if (sets.length === 0) sets.push('all');
      const [next, rows] = (await run(lua.SEARCH, [
        P,
        q.after ?? '+inf',
        q.limit,
        q.state ?? '',
        q.assignee ?? '',
        SCAN_BUDGET,
        `${P}search:tmp:${randomUUID()}`,
        ...sets,
      ])) as [string | number, [string, unknown, string, string, string, string[]][]];
      const hits = rows.map(([, pairs, state, assignee, updatedAt, body]): SearchHit => {
        const h = fromPairs(pairs);
        const joined = body.join('\n');
        return {
          channel: h.channel ?? '',
          threadId: h.thread_id ?? '',
          state: state as ThreadState,
          assignee: assignee === '' ? null : assignee,
          updatedAt: Number(updatedAt),
          author: h.author || null,
          facets: { priority: h.priority || null, topic: h.topic || null, language: h.language || null },
          body: joined.length > SEARCH_BODY_CHARS ? joined.slice(joined.length - SEARCH_BODY_CHARS) : joined,
        };
      });
      return { hits, next: next === '' ? null : Number(next) };
    },
    async counts() {
      const [waiting, agent, noReply, bot, resolved, closed] = ((await run(lua.COUNTS, [P])) as number[]).map(Number) as number[];
      return { waiting: waiting!, agent: agent!, noReply: noReply!, bot: bot!, resolved: resolved!, closed: closed! };
    },
  };
}
