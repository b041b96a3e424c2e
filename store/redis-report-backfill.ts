import type { PastFactsPage, ReportBackfillStore } from './report-backfill.js';
import { HOUR_MS } from './report-cells.js';
import type { RedisClient, scriptRunner } from './redis-script-runner.js';
import { keyPattern } from './redis-store.js';

/*
 * The reports' backfill on Redis (P = prefix): its state in P report-backfill (hash boundary, cursor,
 * done); the counters it adds are redis-report-cells.ts's (P report:<kind>:<day>, P reportday:<kind>:<day>).
 */

/** ARGV: prefix, after, limit, before. A page of mentions by id, as JSON {d: decisions, r: replies, last, done}. */
const PAST_FACTS = `
local P, after, limit, before = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local top = tonumber(redis.call('GET', P .. 'seq:mention') or '0')
local d, r = {}, {}
local id = after
while id < top and id < after + limit do
  id = id + 1
  local m = redis.call('HMGET', P .. 'mention:' .. id, 'channel', 'thread_id', 'received_at', 'status', 'decision', 'decided_at')
  if m[1] then
    if m[6] and m[6] ~= '' and tonumber(m[6]) < before then
      local replied = false
      for _, rid in ipairs(redis.call('LRANGE', P .. 'mention-replies:' .. id, 0, -1)) do
        if redis.call('HGET', P .. 'reply:' .. rid, 'kind') ~= 'agent' then replied = true break end
      end
      d[#d + 1] = { m[1], m[2], tonumber(m[3]), m[4], m[5] or '', replied }
    end
    -- A thread's responses are read once, with its first mention.
    if redis.call('LINDEX', P .. 'thread-mentions:' .. m[1] .. ':' .. m[2], 0) == tostring(id) then
      for _, json in ipairs(redis.call('LRANGE', P .. 'thread-events:' .. m[1] .. ':' .. m[2], 0, -1)) do
        local ok, e = pcall(cjson.decode, json)
        if ok and (e.type == 'human_first_response' or e.type == 'human_next_response') and tonumber(e.at) < before then
          local ms = type(e.data) == 'table' and tonumber(e.data.ms) or 0
          r[#r + 1] = { m[1], m[2], e.type, tostring(e.actor), tonumber(e.at), ms or 0 }
        end
      end
    end
  end
end
return cjson.encode({ d = d, r = r, last = id, done = id >= top })
`;

/** ARGV: prefix, from, to, done (1/0), then kind, hour, cell, n per counter. 1 when the cursor moved (and the counters were added). */
const ADVANCE = `
local P = ARGV[1]
local key = P .. 'report-backfill'
local f = redis.call('HMGET', key, 'cursor', 'done')
if f[1] ~= ARGV[2] or f[2] == '1' then return 0 end
redis.call('HSET', key, 'cursor', ARGV[3], 'done', ARGV[4])
for i = 5, #ARGV, 4 do
  local day = math.floor(tonumber(ARGV[i + 1]) / 24)
  redis.call('HINCRBY', P .. 'report:' .. ARGV[i] .. ':' .. day, ARGV[i + 1] .. '\\031' .. ARGV[i + 2], ARGV[i + 3])
  redis.call('HINCRBY', P .. 'reportday:' .. ARGV[i] .. ':' .. day, ARGV[i + 2], ARGV[i + 3])
end
return 1
`;

export function createRedisReportBackfill(client: RedisClient, run: ReturnType<typeof scriptRunner>, prefix: string): ReportBackfillStore {
  const key = `${prefix}report-backfill`;
  /** The earliest counter's hour: the days are found by a scan of the counters' keys, once, when the backfill starts. */
  const earliestHour = async (): Promise<number | undefined> => {
    let first: number | undefined;
    for await (const keys of client.scanIterator({ MATCH: keyPattern(prefix, 'report:*'), COUNT: 1000 })) {
      for (const k of keys) {
        const day = Number(k.slice(k.lastIndexOf(':') + 1));
        if (Number.isFinite(day) && (first === undefined || day < first)) first = day;
      }
    }
    if (first === undefined) return undefined;
    const fields = (await Promise.all(['volume', 'reply'].map((kind) => client.hKeys(`${prefix}report:${kind}:${first}`)))).flat();
    return Math.min(...fields.map((f) => Number(f.slice(0, f.indexOf('\u001f')))));
  };
  return {
    async reportBackfill(now) {
      if ((await client.exists(key)) === 0) {
        const hour = await earliestHour();
        const boundary = hour === undefined ? now : hour * HOUR_MS;
        await client.hSetNX(key, 'boundary', String(boundary));
        await client.hSetNX(key, 'cursor', '0');
        await client.hSetNX(key, 'done', '0');
      }
      const f = await client.hGetAll(key);
      return { boundary: Number(f.boundary), cursor: Number(f.cursor), done: f.done === '1' };
    },
    async pastReportFacts(after, limit, before) {
      const page = JSON.parse(String(await run(PAST_FACTS, [prefix, after, limit, before]))) as {
        d: [string, string, number, string, string, boolean][] | Record<string, never>;
        r: [string, string, string, string, number, number][] | Record<string, never>;
        last: number;
        done: boolean;
      };
      // cjson writes an empty list as {}.
      const list = <T>(x: T[] | Record<string, never>): T[] => (Array.isArray(x) ? x : []);
      const out: PastFactsPage = { decisions: [], replies: [], last: page.last, done: page.done };
      for (const [channel, threadId, receivedAt, status, decision, replied] of list(page.d))
        out.decisions.push({ channel, threadId, receivedAt, status, decision: decision || null, replied });
      for (const [channel, threadId, type, actor, at, ms] of list(page.r))
        out.replies.push({ channel, threadId, kind: type === 'human_first_response' ? 'first' : 'next', actor, at, ms });
      return out;
    },
    async advanceReportBackfill(from, to, done, cells) {
      const args = cells.flatMap((c) => [c.kind, c.hour, c.cell, c.n]);
      return Number(await run(ADVANCE, [prefix, from, to, done ? 1 : 0, ...args])) === 1;
    },
  };
}
