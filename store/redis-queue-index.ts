import { COMMON } from './redis-scripts-common.js';
import type { RedisClient, scriptRunner } from './redis-script-runner.js';
import type { QueueEntry, QueueIndexStore, QueueViewName } from './queue-index.js';

/** ARGV: prefix, assignee. The number of threads of each view: open, waiting, replied, the assignee's. */
const QUEUE_COUNTS = `${COMMON}
return { redis.call('ZCARD', P .. 'queue:open'), redis.call('ZCARD', P .. 'queue:waiting'), redis.call('ZCARD', P .. 'queue:replied'),
  redis.call('ZCARD', P .. 'queue:mine:' .. ARGV[2]) }
`;

/**
 * ARGV: prefix, the view's key, the cursor's score ('-inf' for none), channel and thread id, limit,
 * '1' to keep threads in no team, then the teams. A team queue: its size, and {member, score} flat for
 * the threads after the cursor, `limit` of them and every thread tied with the last (the caller orders
 * ties). One pass over the view, each thread's team read from P thread-teams.
 */
const IN_TEAMS = `${COMMON}
local wanted = {}
for i = 8, #ARGV do wanted[ARGV[i]] = true end
local cursor = ARGV[3] ~= '-inf' and tonumber(ARGV[3]) or nil
local limit, noTeam = tonumber(ARGV[6]), ARGV[7] == '1'
local function after(member, score)
  if not cursor or score > cursor then return true end
  if score < cursor then return false end
  local at = string.find(member, ':', 1, true)
  local channel, id = string.sub(member, 1, at - 1), string.sub(member, at + 1)
  return channel > ARGV[4] or (channel == ARGV[4] and id > ARGV[5])
end
local rows = redis.call('ZRANGE', ARGV[2], 0, -1, 'WITHSCORES')
local total, out, taken, last = 0, {}, 0, nil
for i = 1, #rows, 2 do
  local team = redis.call('HGET', P .. 'thread-teams', rows[i])
  if (team and wanted[team]) or (not team and noTeam) then
    total = total + 1
    local score = tonumber(rows[i + 1])
    if (taken < limit or score == last) and after(rows[i], score) then
      out[#out + 1] = rows[i]
      out[#out + 1] = rows[i + 1]
      taken, last = taken + 1, score
    end
  end
end
return { total, out }
`;

/** ARGV: prefix. The unranked open threads, {member, queue_gen} flat. */
const UNRANKED = `${COMMON}
local out = {}
for _, member in ipairs(redis.call('SMEMBERS', P .. 'queue:unranked')) do
  out[#out + 1] = member
  out[#out + 1] = orEmpty(redis.call('HGET', P .. 'thread:' .. member, 'queue_gen'))
end
return out
`;

/** ARGV: prefix, then channel, thread id, gen, priority per thread: stored where the gen is still the thread's. */
const RANK_THREADS = `${COMMON}
for i = 2, #ARGV, 4 do
  local thread = threadKey(ARGV[i], ARGV[i + 1])
  local f = redis.call('HMGET', thread, 'state', 'queue_gen', 'queue_priority')
  if f[1] and (tonumber(orEmpty(f[2])) or 0) == tonumber(ARGV[i + 2]) and orEmpty(f[3]) == '' then
    redis.call('HSET', thread, 'queue_priority', ARGV[i + 3])
    requeue(ARGV[i], ARGV[i + 1])
  end
end
return 1
`;

/** ARGV: prefix. Puts every open thread in the queue's and the SLA clocks' sorted sets (layouts 5 and 6, for data written before them); idempotent. */
export const REQUEUE_OPEN_THREADS = `${COMMON}
for _, member in ipairs(redis.call('ZRANGE', P .. 'threads:open', 0, -1)) do
  local f = redis.call('HMGET', P .. 'thread:' .. member, 'channel', 'thread_id')
  if f[1] and f[2] then requeue(f[1], f[2]) end
end
return 1
`;

const sameThread = (a: QueueEntry, b: QueueEntry) => a.channel === b.channel && a.threadId === b.threadId;
/** Queue order: score, then channel and thread id. */
const compareEntries = (a: QueueEntry, b: QueueEntry) =>
  a.score - b.score ||
  (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : a.threadId < b.threadId ? -1 : a.threadId > b.threadId ? 1 : 0);

/** The queue in queue order on Redis: a sorted set per view (and per assignee), kept by every script that changes a thread. */
export function createRedisQueueIndex(client: RedisClient, run: ReturnType<typeof scriptRunner>, P: string): QueueIndexStore {
  const keyOf = (view: QueueViewName, assignee = '') => `${P}queue:${view === 'mine' ? `mine:${assignee}` : view}`;
  const entries = (flat: string[]): QueueEntry[] => {
    const out: QueueEntry[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      // Members are "<channel>:<thread id>" (channel names hold no ':').
      const member = flat[i]!;
      const at = member.indexOf(':');
      out.push({ channel: member.slice(0, at), threadId: member.slice(at + 1), score: Number(flat[i + 1]) });
    }
    return out;
  };
  const range = async (key: string, min: string, max: string, limit?: number) =>
    entries(
      (await client.sendCommand([
        'ZRANGEBYSCORE',
        key,
        min,
        max,
        'WITHSCORES',
        ...(limit === undefined ? [] : ['LIMIT', '0', String(limit)]),
      ])) as string[],
    );
  return {
    async queueEntries(q) {
      const key = keyOf(q.view, q.assignee);
      const c = q.after;
      // Ties with the cursor's score are read whole (a sorted set orders them by member, "channel:id",
      // which is not channel then id), then a range after the score and the last score's ties.
      const tied = c ? (await range(key, String(c.score), String(c.score))).filter((r) => compareEntries(r, c) > 0) : [];
      const rows = await range(key, c ? `(${c.score}` : '-inf', '+inf', q.limit);
      const last = rows.at(-1);
      const ties =
        last && rows.length === q.limit
          ? (await range(key, String(last.score), String(last.score))).filter((r) => !rows.some((x) => sameThread(x, r)))
          : [];
      return [...tied, ...rows, ...ties].sort(compareEntries).slice(0, q.limit);
    },
    async queueEntriesInTeams(q) {
      const c = q.after;
      const [total, flat] = (await run(IN_TEAMS, [
        P,
        keyOf(q.view, q.assignee),
        c ? String(c.score) : '-inf',
        c?.channel ?? '',
        c?.threadId ?? '',
        String(q.limit),
        q.noTeam ? '1' : '0',
        ...q.teams,
      ])) as [number, string[]];
      return { entries: entries(flat).sort(compareEntries).slice(0, q.limit), total };
    },
    async queueCounts(assignee) {
      const [open, waiting, replied, mine] = (await run(QUEUE_COUNTS, [P, assignee])) as number[];
      return { open: open!, waiting: waiting!, replied: replied!, mine: mine! };
    },
    async unrankedThreads() {
      const flat = (await run(UNRANKED, [P])) as string[];
      return entries(flat).map(({ channel, threadId, score }) => ({ channel, threadId, gen: score || 0 }));
    },
    async slaClocks(q) {
      const flat = (await client.sendCommand(['ZRANGE', `${P}sla-due:${q.notice}`, '0', String(q.limit - 1), 'WITHSCORES'])) as string[];
      return entries(flat).map(({ channel, threadId, score }) => ({ channel, threadId, since: score }));
    },
    async rankThreads(ranks) {
      // Slices, so that no one call holds Redis long.
      for (let i = 0; i < ranks.length; i += 500) {
        const args = ranks.slice(i, i + 500).flatMap((r) => [r.channel, r.threadId, r.gen, r.priority]);
        await run(RANK_THREADS, [P, ...args]);
      }
    },
  };
}
