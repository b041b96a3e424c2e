/**
 * The customers' Lua scripts (redis-customers.ts). Keys (P = prefix):
 *   P customer-of                        hash "<channel>:<author>" -> customer id (linked or noted identities only)
 *   P customer:<id>                      hash notes, notes_by, notes_at, notes_version, created_at
 *   P customer-identities:<id>           zset of "<channel>:<author>", score = when linked
 *   P seq:customer                       id counter
 *   P author-threads:<channel>:<author>  zset of thread ids the author posted in, score = their latest mention id there
 *                                        (ACCEPT_MENTIONS keeps it; indexCustomersOnce fills it for older data)
 *   P schema:customers                   1 once older mentions are in author-threads
 * Channel names hold no ':', so a member splits at its first one.
 */
import { COMMON } from './redis-scripts-common.js';

const CUSTOMERS = `${COMMON}
local of = P .. 'customer-of'
local function members(id) return P .. 'customer-identities:' .. id end
local function add(id, member, now)
  redis.call('HSET', of, member, id)
  redis.call('ZADD', members(id), now, member)
end
local function newCustomer(now)
  local id = redis.call('INCR', P .. 'seq:customer')
  redis.call('HSET', P .. 'customer:' .. id, 'created_at', now, 'notes_version', 0)
  return id
end
`;

/** ARGV: prefix, channel, author. Returns {''} for a customer of one nobody linked or noted, else {id, members, customer row}. */
export const CUSTOMER = `${CUSTOMERS}
local id = redis.call('HGET', of, ARGV[2] .. ':' .. ARGV[3])
if not id then return {''} end
return {id, redis.call('ZRANGE', members(id), 0, -1), redis.call('HGETALL', P .. 'customer:' .. id)}
`;

/** ARGV: prefix, a's channel, a's author, b's channel, b's author, actor, now. As the SQLite store: groups merged, notes joined (a's first). */
export const LINK = `${CUSTOMERS}
local fa, fb, actor, now = ARGV[2] .. ':' .. ARGV[3], ARGV[4] .. ':' .. ARGV[5], ARGV[6], ARGV[7]
if fa == fb then return 0 end
local ga, gb = redis.call('HGET', of, fa), redis.call('HGET', of, fb)
if not ga and not gb then
  local id = newCustomer(now)
  add(id, fa, now)
  add(id, fb, now)
elseif not ga then add(gb, fa, now)
elseif not gb then add(ga, fb, now)
elseif ga ~= gb then
  local moved = redis.call('ZRANGE', members(gb), 0, -1, 'WITHSCORES')
  for i = 1, #moved, 2 do add(ga, moved[i], moved[i + 1]) end
  local na = redis.call('HMGET', P .. 'customer:' .. ga, 'notes', 'notes_version')
  local nb = redis.call('HMGET', P .. 'customer:' .. gb, 'notes', 'notes_version')
  if tonumber(nb[2] or '0') > 0 and (nb[1] or '') ~= '' then
    local text = (na[1] or '') ~= '' and (na[1] .. '\\n\\n' .. nb[1]) or nb[1]
    local version = math.max(tonumber(na[2] or '0'), tonumber(nb[2])) + 1
    redis.call('HSET', P .. 'customer:' .. ga, 'notes', text, 'notes_by', actor, 'notes_at', now, 'notes_version', version)
  end
  redis.call('DEL', P .. 'customer:' .. gb, members(gb))
end
return 1
`;

/** ARGV: prefix, channel, author. A customer of one has no link to undo. */
export const UNLINK = `${CUSTOMERS}
local member = ARGV[2] .. ':' .. ARGV[3]
local id = redis.call('HGET', of, member)
if not id or redis.call('ZCARD', members(id)) < 2 then return 0 end
redis.call('HDEL', of, member)
redis.call('ZREM', members(id), member)
return 1
`;

/** ARGV: prefix, channel, author, text, if version, actor, now. Returns 1 when saved, 0 when the version was not the last. */
export const SAVE_NOTES = `${CUSTOMERS}
local member, ifVersion, now = ARGV[2] .. ':' .. ARGV[3], tonumber(ARGV[5]), ARGV[7]
local id = redis.call('HGET', of, member)
if not id then
  if ifVersion ~= 0 then return 0 end
  id = newCustomer(now)
  add(id, member, now)
end
local key = P .. 'customer:' .. id
local version = tonumber(redis.call('HGET', key, 'notes_version') or '0')
if version ~= ifVersion then return 0 end
redis.call('HSET', key, 'notes', ARGV[4], 'notes_by', ARGV[6], 'notes_at', now, 'notes_version', version + 1)
return 1
`;

/**
 * ARGV: prefix, limit, then channel and author per identity. Returns {total, members}: the threads
 * ("<channel>:<thread id>") of the identities' latest posts, newest first, at most limit.
 */
export const CUSTOMER_THREADS = `${CUSTOMERS}
local limit = tonumber(ARGV[2])
local best, byChannel = {}, {}
for i = 3, #ARGV, 2 do
  local channel = ARGV[i]
  local key = P .. 'author-threads:' .. channel .. ':' .. ARGV[i + 1]
  byChannel[channel] = byChannel[channel] or {}
  table.insert(byChannel[channel], key)
  local rows = redis.call('ZREVRANGE', key, 0, limit - 1, 'WITHSCORES')
  for j = 1, #rows, 2 do
    local member, score = channel .. ':' .. rows[j], tonumber(rows[j + 1])
    if not best[member] or best[member] < score then best[member] = score end
  end
end
-- Two identities on one channel may share a thread: counted once (|a| + |b| - |a and b|, which reads
-- only the smaller set; three or more on one channel, rare, by their union).
local total = 0
for _, keys in pairs(byChannel) do
  if #keys == 1 then total = total + redis.call('ZCARD', keys[1])
  elseif #keys == 2 then
    total = total + redis.call('ZCARD', keys[1]) + redis.call('ZCARD', keys[2]) - redis.call('ZINTERCARD', 2, keys[1], keys[2])
  else total = total + #redis.call('ZUNION', #keys, unpack(keys)) end
end
local list = {}
for member, score in pairs(best) do list[#list + 1] = { member, score } end
table.sort(list, function(x, y) return x[2] > y[2] end)
local out = {}
for i = 1, math.min(limit, #list) do out[i] = list[i][1] end
return {total, out}
`;

/** ARGV: prefix, then mention id, channel, thread id, author per mention: older mentions into author-threads (idempotent). */
export const INDEX_AUTHORS = `${COMMON}
for i = 2, #ARGV, 4 do
  redis.call('ZADD', P .. 'author-threads:' .. ARGV[i + 1] .. ':' .. ARGV[i + 3], 'GT', ARGV[i], ARGV[i + 2])
end
return 1
`;
