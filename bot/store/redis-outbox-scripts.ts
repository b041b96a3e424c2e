/** The outbox's scripts: claim due replies (cancelling those a person's thread silenced), settle, retry, pause. */
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
 * ARGV: prefix, id, retry at, error, attempts to give back (0: a backoff after a network error or
 * 5xx, which PULL_FORWARD may shorten; 1: a rate-limit wait). Only while still pending.
 */
export const MARK_RETRY = `${COMMON}
local key = P .. 'reply:' .. ARGV[2]
local f = redis.call('HMGET', key, 'status', 'channel')
if f[1] ~= 'pending' then return 0 end
redis.call('HSET', key, 'next_attempt_at', ARGV[3], 'last_error', ARGV[4], 'lease_until', 0)
if ARGV[5] ~= '0' then redis.call('HINCRBY', key, 'attempts', -tonumber(ARGV[5])) end
redis.call('ZREM', P .. 'outbox:leased', pad(ARGV[2]))
redis.call('ZADD', P .. 'outbox:due:' .. f[2], ARGV[3], pad(ARGV[2]))
if ARGV[5] == '0' then
  redis.call('SADD', P .. 'outbox:backoff:' .. f[2], pad(ARGV[2]))
else
  redis.call('SREM', P .. 'outbox:backoff:' .. f[2], pad(ARGV[2]))
end
return 1
`;

/**
 * ARGV: prefix, channel, now, every ms. A send on the channel succeeded: its replies waiting on a
 * backoff (outbox:backoff:<channel>) that are pending and not leased become due (at the time they were
 * queued, so the oldest go first, before replies queued since), unless a call
 * within \`every\` ms already moved some. Attempts and deadlines are not touched. Returns how many moved.
 */
export const PULL_FORWARD = `${COMMON}
local channel, now, every = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local last = redis.call('HGET', P .. 'outbox:pulled', channel)
if last and now - tonumber(last) < every then return 0 end
local set, due = P .. 'outbox:backoff:' .. channel, P .. 'outbox:due:' .. channel
local moved = 0
for _, m in ipairs(redis.call('SMEMBERS', set)) do
  -- Leased (in flight) or settled replies are not in the due set: their own outcome decides.
  local score = redis.call('ZSCORE', due, m)
  if score and tonumber(score) > now then
    local key = P .. 'reply:' .. tonumber(m)
    local queuedAt = redis.call('HGET', key, 'created_at')
    redis.call('ZADD', due, queuedAt, m)
    redis.call('HSET', key, 'next_attempt_at', queuedAt)
    moved = moved + 1
  end
end
redis.call('DEL', set)
if moved > 0 then redis.call('HSET', P .. 'outbox:pulled', channel, now) end
return moved
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

/**
 * ARGV: prefix, channel, now. Of the channel's replies waiting on a backoff, the pending, unleased
 * one whose attempt is next becomes due now. 1 when there was one.
 */
export const PROBE_RETRY = `${COMMON}
local channel, now = ARGV[2], tonumber(ARGV[3])
local due = P .. 'outbox:due:' .. channel
local best, bestScore
for _, m in ipairs(redis.call('SMEMBERS', P .. 'outbox:backoff:' .. channel)) do
  local score = tonumber(redis.call('ZSCORE', due, m) or '-1')
  if score > now and (not best or score < bestScore or (score == bestScore and m < best)) then best, bestScore = m, score end
end
if not best then return 0 end
redis.call('ZADD', due, now, best)
redis.call('HSET', P .. 'reply:' .. tonumber(best), 'next_attempt_at', now)
return 1
`;

/**
 * ARGV: prefix, channel, now, first ms, max ms. A probe turn of an open circuit (Store.takeProbeTurn):
 * { 1 when granted, the next turn's time }. The first call (or one after 2 × max ms unasked) opens the
 * turns without granting one; each granted turn doubles the interval up to max ms.
 */
export const TAKE_PROBE_TURN = `${COMMON}
local key, channel = P .. 'outbox:probe-turns', ARGV[2]
local now, first, max = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local f = redis.call('HMGET', key, channel .. ':at', channel .. ':every')
local at, every = tonumber(f[1]), tonumber(f[2])
if not at or not every or now - at > 2 * max then
  redis.call('HSET', key, channel .. ':at', now, channel .. ':every', first)
  return { 0, now + first }
end
if now < at + every then return { 0, at + every } end
every = math.min(max, every * 2)
redis.call('HSET', key, channel .. ':at', now, channel .. ':every', every)
return { 1, now + every }
`;

/** ARGV: prefix, channel, until. The later pause wins. */
export const PAUSE_CHANNEL = `${COMMON}
local current = tonumber(redis.call('HGET', P .. 'paused', ARGV[2]) or '0')
if tonumber(ARGV[3]) > current then redis.call('HSET', P .. 'paused', ARGV[2], ARGV[3]) end
return 1
`;
