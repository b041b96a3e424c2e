/** The inbox's scripts: accept (dedupe), claim, overdue, commit a turn with its replies and thread state. */
import { COMMON } from './redis-scripts-common.js';
import { TURN_THREAD } from './redis-lifecycle-scripts.js';

/**
 * Accepts a group of mentions (the deliveries that arrived together) in one call. ARGV: prefix, then
 * per mention 11 fields: channel, platform id, thread id, author, author is bot, text, created at,
 * permalink, reply context, now, deadline. Returns id, duplicate (1/0) per mention, in order.
 */
export const ACCEPT_MENTIONS = `${COMMON}
local function accept(channel, platformId, threadId, author, authorIsBot, text, createdAt, permalink, replyContext, now, deadline)
  local field = channel .. ':' .. platformId
  local existing = redis.call('HGET', P .. 'mention-ids', field)
  if existing then return existing, 1 end
  local id = redis.call('INCR', P .. 'seq:mention')
  redis.call('HSET', P .. 'mention-ids', field, id)
  redis.call('HSET', P .. 'mention:' .. id, 'id', id, 'channel', channel, 'platform_id', platformId, 'thread_id', threadId,
    'author', author, 'author_is_bot', authorIsBot, 'text', text, 'created_at', createdAt, 'permalink', permalink,
    'reply_context', replyContext, 'received_at', now, 'deadline_at', deadline, 'status', 'received', 'lease_until', 0,
    'attempts', 0, 'decision', '')
  redis.call('ZADD', P .. 'mentions:ready', id, id)
  redis.call('ZADD', P .. 'mentions:deadline', deadline, id)
  redis.call('RPUSH', P .. 'thread-mentions:' .. channel .. ':' .. threadId, id)
  -- The author's threads, newest first (the customer panel; redis-customer-scripts.ts).
  redis.call('ZADD', P .. 'author-threads:' .. channel .. ':' .. author, 'GT', id, threadId)
  bump('stats:mentions', nil, 'received')
  local thread = threadKey(channel, threadId)
  if redis.call('EXISTS', thread) == 0 then
    redis.call('HSET', thread, 'channel', channel, 'thread_id', threadId, 'state', 'bot', 'assignee', '', 'created_at', now, 'updated_at', now)
    redis.call('HINCRBY', P .. 'threads:states', 'bot', 1)
  end
  -- A new latest mention: the thread is ranked again.
  unrank(channel, threadId)
  requeue(channel, threadId)
  return id, 0
end
local out = {}
for i = 2, #ARGV, 11 do
  local id, duplicate = accept(unpack(ARGV, i, i + 10))
  out[#out + 1] = id
  out[#out + 1] = duplicate
end
return out
`;

/**
 * ARGV: prefix, limit, now, lease until, max text bytes. Expired leases first go back to the ready
 * set. Mentions are taken while their texts fit in max text bytes (always the first).
 */
export const CLAIM_MENTIONS = `${COMMON}
local limit, now, leaseUntil, maxBytes = tonumber(ARGV[2]), ARGV[3], ARGV[4], tonumber(ARGV[5])
local ready, leased = P .. 'mentions:ready', P .. 'mentions:leased'
for _, id in ipairs(redis.call('ZRANGEBYSCORE', leased, '-inf', now)) do
  redis.call('ZREM', leased, id)
  redis.call('ZADD', ready, id, id)
end
local rows = {}
if limit < 1 then return rows end
local bytes = 0
for _, id in ipairs(redis.call('ZRANGE', ready, 0, limit - 1)) do
  local key = P .. 'mention:' .. id
  local size = redis.call('HSTRLEN', key, 'text')
  if #rows > 0 and bytes + size > maxBytes then break end
  bytes = bytes + size
  redis.call('ZREM', ready, id)
  redis.call('ZADD', leased, leaseUntil, id)
  redis.call('HSET', key, 'lease_until', leaseUntil)
  redis.call('HINCRBY', key, 'attempts', 1)
  rows[#rows + 1] = redis.call('HGETALL', key)
end
return rows
`;

/** ARGV: prefix, now, limit, max text bytes (as CLAIM_MENTIONS). */
export const OVERDUE_MENTIONS = `${COMMON}
local rows = {}
local maxBytes, bytes = tonumber(ARGV[4]), 0
if tonumber(ARGV[3]) < 1 then return rows end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', P .. 'mentions:deadline', '-inf', ARGV[2], 'LIMIT', 0, ARGV[3])) do
  local key = P .. 'mention:' .. id
  local size = redis.call('HSTRLEN', key, 'text')
  if #rows > 0 and bytes + size > maxBytes then break end
  bytes = bytes + size
  rows[#rows + 1] = redis.call('HGETALL', key)
end
return rows
`;

/**
 * ARGV: prefix, now, JSON turns [{id, status, decision, channel, platformId, threadId, author,
 * replyContext, replies: [{text, kind}], threadState, assignee, stateEvent, dropThread}] (all strings, '' for
 * absent). Returns 1/0 per turn: a turn commits only while its mention is still 'received'.
 * The thread as store/sqlite-turn-thread.ts does it (TURN_THREAD, redis-lifecycle-scripts.ts).
 */
export const COMMIT_TURNS = `${COMMON}${TURN_THREAD}
local now = ARGV[2]
-- The agents' no-reply view pages these, newest first: every no-reply mention, and those of each reason.
local function noReplyIndex(id, decision)
  redis.call('ZADD', P .. 'no-reply', id, id)
  local ok, d = pcall(cjson.decode, decision)
  local reason = ok and type(d) == 'table' and d.reason
  if type(reason) == 'string' and string.match(reason, '^[%w_]+$') then redis.call('ZADD', P .. 'no-reply:' .. reason, id, id) end
end
local results = {}
for i, t in ipairs(cjson.decode(ARGV[3])) do
  local key = P .. 'mention:' .. t.id
  if redis.call('HGET', key, 'status') ~= 'received' then
    results[i] = 0
  else
    redis.call('HSET', key, 'status', t.status, 'decision', t.decision, 'decided_at', now)
    redis.call('ZREM', P .. 'mentions:ready', t.id)
    redis.call('ZREM', P .. 'mentions:leased', t.id)
    redis.call('ZREM', P .. 'mentions:deadline', t.id)
    bump('stats:mentions', 'received', t.status)
    -- The SLA report counts the mentions the brand owes an answer, on their day of receipt; a reply
    -- sent before the decision (a person answered first) is counted now.
    if t.status == 'no_reply' then
      -- Counted apart: a thanks, spam or noise is owed no answer, so the acknowledged shares stay honest.
      redis.call('HINCRBY', slaKey(redis.call('HGET', key, 'received_at')), 'no_reply', 1)
      noReplyIndex(t.id, t.decision)
    elseif t.status ~= 'ignored' and t.status ~= 'routed' then
      local m = redis.call('HMGET', key, 'received_at', 'first_sent_at')
      redis.call('HINCRBY', slaKey(m[1]), 'mentions', 1)
      if m[2] then countFirstSent(m[1], m[2]) end
    end
    for part, r in ipairs(t.replies) do
      queueReply({ ikey = t.channel .. ':' .. t.platformId .. ':' .. (part - 1), mentionId = t.id, channel = t.channel,
        threadId = t.threadId, inReplyTo = t.platformId, recipient = t.author, text = r.text, kind = r.kind,
        replyContext = t.replyContext, author = '', now = now })
    end
    turnThread(t, now)
    -- The latest mention's decision (its understanding) is in: the thread is ranked again.
    unrank(t.channel, t.threadId)
    requeue(t.channel, t.threadId)
    results[i] = 1
  end
end
return results
`;

/**
 * ARGV: prefix, channel, thread id, before id, limit, max text bytes. Up to limit mentions of the
 * thread with an id below before id, newest first: id, author, the text's first max text bytes,
 * status, and the decision's entryId, reason, understanding.topic and understanding.language ('' when absent). Reads only
 * the end of the thread's index: later mentions that arrived meanwhile are skipped within a margin.
 */
export const EARLIER_MENTIONS = `${COMMON}
local before, limit, maxBytes = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local out = {}
if limit < 1 then return out end
local ids = redis.call('LRANGE', P .. 'thread-mentions:' .. ARGV[2] .. ':' .. ARGV[3], -(limit + 32), -1)
local function field(t, k) local v = type(t) == 'table' and t[k] or nil; return type(v) == 'string' and v or '' end
for i = #ids, 1, -1 do
  if #out >= limit then break end
  if tonumber(ids[i]) < before then
    local f = redis.call('HMGET', P .. 'mention:' .. ids[i], 'author', 'text', 'status', 'decision')
    local ok, d = false, nil
    if f[4] and f[4] ~= '' then ok, d = pcall(cjson.decode, f[4]) end
    if not ok then d = nil end
    local understanding = type(d) == 'table' and d.understanding or nil
    out[#out + 1] = { ids[i], f[1] or '', string.sub(f[2] or '', 1, maxBytes), f[3] or '', field(d, 'entryId'), field(d, 'reason'), field(understanding, 'topic'), field(understanding, 'language') }
  end
end
return out
`;
