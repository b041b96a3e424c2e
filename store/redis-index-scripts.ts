/** Index rebuilds for data written by older layouts (see `indexThreadsOnce`). */
import { COMMON } from './redis-scripts-common.js';

/**
 * ARGV: prefix, channel, thread id, mention id count n, n mention ids, then reply ids. The indexes
 * a thread gets since the handoff layer (mention and reply lists, open zset, platform reply ids,
 * pending bot replies),
 * for data written before them: merged with what is there (idempotent, safe beside live writes).
 */
export const INDEX_THREAD = `${COMMON}
local channel, threadId, n = ARGV[2], ARGV[3], tonumber(ARGV[4])
local member = channel .. ':' .. threadId
local function merge(list, first, last)
  local seen, ids = {}, {}
  local function add(id)
    if not seen[tostring(id)] then
      seen[tostring(id)] = true
      ids[#ids + 1] = tonumber(id)
    end
  end
  for _, id in ipairs(redis.call('LRANGE', list, 0, -1)) do add(id) end
  for i = first, last do add(ARGV[i]) end
  table.sort(ids)
  redis.call('DEL', list)
  for i = 1, #ids, 1000 do redis.call('RPUSH', list, unpack(ids, i, math.min(i + 999, #ids))) end
end
merge(P .. 'thread-mentions:' .. member, 5, 4 + n)
merge(P .. 'thread-replies:' .. member, 5 + n, #ARGV)
for i = 5 + n, #ARGV do
  local r = redis.call('HMGET', P .. 'reply:' .. ARGV[i], 'platform_reply_id', 'status', 'kind')
  if r[1] and r[1] ~= '' then redis.call('HSETNX', P .. 'reply-platform-ids', channel .. ':' .. r[1], ARGV[i]) end
  if r[2] == 'pending' and r[3] ~= 'agent' then botPending(member, ARGV[i], true) end
end
local t = redis.call('HMGET', threadKey(channel, threadId), 'state', 'updated_at')
if t[1] == 'waiting' or t[1] == 'agent' then redis.call('ZADD', P .. 'threads:open', 'NX', t[2], member) end
return 1
`;

/** ARGV: prefix. Fills threads:agent from the open threads (layout 3; after INDEX_THREAD for older data); idempotent. */
export const INDEX_AGENT_THREADS = `${COMMON}
for _, member in ipairs(redis.call('ZRANGE', P .. 'threads:open', 0, -1)) do
  if redis.call('HGET', P .. 'thread:' .. member, 'state') == 'agent' then redis.call('SADD', P .. 'threads:agent', member) end
end
return 1
`;

/**
 * ARGV: prefix, the SCAN pattern of thread rows. Counts every thread by state into threads:states
 * (layout 4, for data written before the counters), in one call: atomic beside live writes, which
 * then keep the counts. Once per data set.
 */
export const COUNT_THREAD_STATES = `${COMMON}
local by, cursor = {}, '0'
repeat
  local page = redis.call('SCAN', cursor, 'MATCH', ARGV[2], 'COUNT', 1000)
  cursor = page[1]
  for _, key in ipairs(page[2]) do
    local s = redis.call('TYPE', key).ok == 'hash' and redis.call('HGET', key, 'state')
    if s then by[s] = (by[s] or 0) + 1 end
  end
until cursor == '0'
redis.call('DEL', P .. 'threads:states')
for s, n in pairs(by) do redis.call('HSET', P .. 'threads:states', s, n) end
return 1
`;
