/** The outbox's scripts: claim due replies (cancelling those a person's thread silenced), settle them, find the bot's own. Retries and pauses: redis-retry-scripts.ts. */
import { COMMON } from './redis-scripts-common.js';

/**
 * ARGV: prefix, limit, now, lease until, paused channels... Cancels due bot replies in threads a
 * person owns (every one, paused channels too, as the SQLite store: one handed back later must not
 * go out), then leases up to `limit` due replies ordered by (next attempt, id), a part only
 * once every earlier part of its mention has left 'pending'.
 */
export const CLAIM_REPLIES = `${COMMON}
local limit, now, leaseUntil = tonumber(ARGV[2]), ARGV[3], ARGV[4]
local paused = {}
for i = 5, #ARGV do paused[ARGV[i]] = true end
local leased = P .. 'outbox:leased'
for _, m in ipairs(redis.call('ZRANGEBYSCORE', leased, '-inf', now)) do
  local f = redis.call('HMGET', P .. 'reply:' .. tonumber(m), 'channel', 'next_attempt_at')
  redis.call('ZREM', leased, m)
  redis.call('ZADD', P .. 'outbox:due:' .. f[1], f[2], m)
end
local function earlierPending(mentionId, id)
  if mentionId == '' then return false end
  for _, rid in ipairs(redis.call('LRANGE', P .. 'mention-replies:' .. mentionId, 0, -1)) do
    if tonumber(rid) < id and redis.call('HGET', P .. 'reply:' .. rid, 'status') == 'pending' then return true end
  end
  return false
end
local function cancel(rid, due, member)
  redis.call('HSET', P .. 'reply:' .. rid, 'status', 'cancelled', 'last_error', 'a person owns the thread')
  redis.call('ZREM', due, pad(rid))
  botPending(member, rid, false)
  bump('stats:outbox', 'pending', 'cancelled')
end
-- Only person-owned threads with pending bot replies: SINTER walks the smaller set, so a backlog of
-- thousands of threads waiting for their first reply costs nothing here.
for _, member in ipairs(redis.call('SINTER', P .. 'threads:agent', P .. 'threads:bot-pending')) do
  if redis.call('HGET', P .. 'thread:' .. member, 'state') == 'agent' then
    for _, rid in ipairs(redis.call('SMEMBERS', P .. 'bot-pending:' .. member)) do
      local f = redis.call('HMGET', P .. 'reply:' .. rid, 'status', 'next_attempt_at', 'lease_until', 'channel')
      if f[1] == 'pending' and tonumber(f[2]) <= tonumber(now) and tonumber(f[3]) <= tonumber(now) then
        cancel(rid, P .. 'outbox:due:' .. f[4], member)
      end
    end
  end
end
local candidates = {}
if limit < 1 then return {} end
for _, channel in ipairs(redis.call('SMEMBERS', P .. 'outbox:channels')) do
  if not paused[channel] then
    local due = P .. 'outbox:due:' .. channel
    local found, offset = 0, 0
    while found < limit do
      local page = redis.call('ZRANGEBYSCORE', due, '-inf', now, 'WITHSCORES', 'LIMIT', offset, limit)
      if #page == 0 then break end
      local removed = 0
      for j = 1, #page, 2 do
        local m = page[j]
        local id = tonumber(m)
        local key = P .. 'reply:' .. id
        local f = redis.call('HMGET', key, 'kind', 'thread_id', 'mention_id')
        -- Also replies the pass above missed: a thread made agent-owned outside the scripts.
        if f[1] ~= 'agent' and redis.call('HGET', threadKey(channel, f[2]), 'state') == 'agent' then
          cancel(id, due, channel .. ':' .. f[2])
          removed = removed + 1
        elseif found < limit and not earlierPending(f[3], id) then
          found = found + 1
          candidates[#candidates + 1] = { tonumber(page[j + 1]), id, m, due }
        end
      end
      offset = offset + #page / 2 - removed
    end
  end
end
table.sort(candidates, function(a, b) return a[1] < b[1] or (a[1] == b[1] and a[2] < b[2]) end)
local rows = {}
for i = 1, math.min(limit, #candidates) do
  local c = candidates[i]
  local key = P .. 'reply:' .. c[2]
  redis.call('ZREM', c[4], c[3])
  redis.call('ZADD', leased, leaseUntil, c[3])
  redis.call('HSET', key, 'lease_until', leaseUntil)
  redis.call('HINCRBY', key, 'attempts', 1)
  local row = redis.call('HGETALL', key)
  -- the mention's receipt time rides along, for the acknowledgement-latency metric
  local mentionId = redis.call('HGET', key, 'mention_id')
  local receivedAt = mentionId and mentionId ~= '' and redis.call('HGET', P .. 'mention:' .. mentionId, 'received_at')
  if receivedAt then
    row[#row + 1] = 'received_at'
    row[#row + 1] = receivedAt
  end
  rows[#rows + 1] = row
end
return rows
`;

/** Leaves 'pending' for good: out of the due and leased sets. */
const SETTLE = `
local function settle(id, status, fields)
  local key = P .. 'reply:' .. id
  local f = redis.call('HMGET', key, 'status', 'channel', 'thread_id', 'mention_id')
  if not f[1] then return nil end
  redis.call('HSET', key, 'status', status, 'lease_until', 0, unpack(fields))
  redis.call('ZREM', P .. 'outbox:leased', pad(id))
  redis.call('ZREM', P .. 'outbox:due:' .. f[2], pad(id))
  redis.call('SREM', P .. 'outbox:backoff:' .. f[2], pad(id))
  botPending(f[2] .. ':' .. f[3], id, false)
  if f[1] ~= status then bump('stats:outbox', f[1], status) end
  return f
end
`;

/**
 * ARGV: prefix, now, then id, platform id pairs. Indexes the platform id (isOwnReply) and counts a
 * mention's first sent reply in the SLA figures of its day of receipt.
 */
export const MARK_SENT = `${COMMON}${SETTLE}
local now = ARGV[2]
-- The mention's first sent reply; counted now if decided, else when it is (COMMIT_TURNS).
local function firstSent(mentionId)
  if not mentionId or mentionId == '' then return end
  local key = P .. 'mention:' .. mentionId
  local m = redis.call('HMGET', key, 'received_at', 'status')
  if not m[1] or redis.call('HSETNX', key, 'first_sent_at', now) == 0 then return end
  if m[2] ~= 'received' and m[2] ~= 'ignored' and m[2] ~= 'routed' and m[2] ~= 'no_reply' then countFirstSent(m[1], now) end
end
for i = 3, #ARGV, 2 do
  local f = settle(ARGV[i], 'sent', { 'platform_reply_id', ARGV[i + 1], 'sent_at', now })
  if f then
    redis.call('HSET', P .. 'reply-platform-ids', f[2] .. ':' .. ARGV[i + 1], ARGV[i])
    firstSent(f[4])
  end
end
return 1
`;

/**
 * ARGV: prefix, channel, thread id, platform id, text, now. 1 when the brand post is one first-reply
 * sent: a reply with this platform id, or one in the thread with the same text, sent or in flight.
 */
export const OWN_REPLY = `${COMMON}
local channel, threadId, text, now = ARGV[2], ARGV[3], ARGV[5], tonumber(ARGV[6])
if redis.call('HEXISTS', P .. 'reply-platform-ids', channel .. ':' .. ARGV[4]) == 1 then return 1 end
local ids = redis.call('LRANGE', P .. 'thread-replies:' .. channel .. ':' .. threadId, 0, -1)
for i = #ids, 1, -1 do
  local f = redis.call('HMGET', P .. 'reply:' .. ids[i], 'text', 'status', 'lease_until')
  if f[1] == text and (f[2] == 'sent' or (f[2] == 'pending' and tonumber(f[3]) > now)) then return 1 end
end
return 0
`;

/**
 * ARGV: prefix, id, reason, now, reply_failed event JSON, state:waiting event JSON. Only while the
 * reply is pending: settles it as failed; a thread the bot holds (bot, resolved, closed) goes to a
 * person (waiting, no owner), and every thread keeps the reason. Returns {} when it was not pending,
 * else {channel, thread id, kind, recipient, mention id, handed off (1/0), state}.
 */
export const MARK_FAILED = `${COMMON}${SETTLE}
local id, reason, now = ARGV[2], ARGV[3], ARGV[4]
local r = redis.call('HMGET', P .. 'reply:' .. id, 'status', 'channel', 'thread_id', 'kind', 'recipient', 'mention_id')
if r[1] ~= 'pending' then return {} end
settle(id, 'failed', { 'last_error', reason, 'sent_at', now })
local channel, threadId = r[2], r[3]
pushEvent(channel, threadId, ARGV[5])
local thread = threadKey(channel, threadId)
local state = redis.call('HGET', thread, 'state')
local handedOff = 0
if state == 'bot' or state == 'resolved' or state == 'closed' then
  redis.call('HSET', thread, 'handoff_at', now, 'first_human_reply_at', '', 'assignee', '')
  setState(channel, threadId, 'waiting', now)
  pushEvent(channel, threadId, ARGV[6])
  handedOff, state = 1, 'waiting'
end
if state then redis.call('HSET', thread, 'reply_failure', reason, 'reply_failed_at', now, 'updated_at', now) end
requeue(channel, threadId)
-- The later parts of the same answer would read out of context without this one: cancelled.
if r[6] and r[6] ~= '' and r[4] ~= 'agent' and (state == 'waiting' or state == 'agent') then
  for _, rid in ipairs(redis.call('LRANGE', P .. 'mention-replies:' .. r[6], 0, -1)) do
    if tonumber(rid) > tonumber(id) and redis.call('HGET', P .. 'reply:' .. rid, 'status') == 'pending' then
      settle(rid, 'cancelled', { 'last_error', 'an earlier part of this answer could not be sent' })
    end
  end
end
return { channel, threadId, r[4], r[5], orEmpty(r[6]), handedOff, state or 'bot' }
`;

/**
 * ARGV: prefix, channel, recipient, since. Mentions with at least one bot reply queued since
 * \`since\` that was not cancelled (parts of one reply count once).
 */
export const COUNT_BOT_REPLIES = `${COMMON}
local n = 0
for _, mid in ipairs(redis.call('ZRANGEBYSCORE', P .. 'bot-replies:' .. ARGV[2] .. ':' .. ARGV[3], ARGV[4], '+inf')) do
  for _, rid in ipairs(redis.call('LRANGE', P .. 'mention-replies:' .. mid, 0, -1)) do
    local f = redis.call('HMGET', P .. 'reply:' .. rid, 'kind', 'status')
    if f[1] ~= 'agent' and f[2] ~= 'cancelled' then
      n = n + 1
      break
    end
  end
end
return n
`;
