/**
 * Lua scripts of the Redis store. Each runs atomically on the server, so every guard (dedupe,
 * claim, commit-once) is one operation across all instances. ARGV[1] is always the key prefix;
 * keys are built inside the scripts, so the store needs one Redis server (not Redis Cluster).
 *
 * Keys (P = prefix):
 *   P seq:mention, seq:reply            id counters
 *   P mention-ids                       hash "<channel>:<platform id>" -> mention id (dedupe)
 *   P mention:<id>                      hash, the mention row (first_sent_at: its first reply sent, for the SLA)
 *   P mentions:ready                    zset of undecided, unleased mentions, score = id (oldest first)
 *   P mentions:leased                   zset of undecided, leased mentions, score = lease end
 *   P mentions:deadline                 zset of undecided mentions, score = acknowledgement deadline
 *   P thread:<channel>:<thread id>      hash, the thread row (handoff_at, claimed_at, first_human_reply_at,
 *                                       last_agent_activity_at: epoch ms, '' until it happens)
 *   P thread-events:<channel>:<thread>  list of JSON events {type, actor, at, data}
 *   P thread-mentions:<channel>:<thread> list of the thread's mention ids, oldest first (transcript, queue)
 *   P thread-replies:<channel>:<thread> list of the thread's reply ids, oldest first (transcript, isOwnReply)
 *   P threads:open                      zset of "<channel>:<thread id>" in state waiting or agent, score = opened at
 *   P threads:agent                     set of "<channel>:<thread id>" a person owns (state agent)
 *   P threads:bot-pending               set of "<channel>:<thread id>" with pending bot replies (cancelled once a person owns it)
 *   P bot-pending:<channel>:<thread id> set of the thread's pending bot reply ids
 *   P reply-platform-ids                hash "<channel>:<platform reply id>" -> reply id (isOwnReply)
 *   P sla:days                          zset of UTC day numbers (epoch ms / 86400000) that have SLA figures
 *   P sla:<day number>                  hash mentions, within1m, within5m, within60m (by the mention's day of receipt)
 *   P sla-human:<day number>            list of human first-response times (ms) recorded that day
 *   P reply-ids                         hash idempotency key -> reply id (dedupe)
 *   P reply:<id>                        hash, the outbox row (author: the person, for agent replies)
 *   P mention-replies:<mention id>      list of the mention's reply ids, in part order
 *   P outbox:channels                   set of channels that have replies
 *   P outbox:due:<channel>              zset of pending, unleased replies, score = next attempt, member = padded id
 *   P outbox:leased                     zset of pending, leased replies, score = lease end
 *   P bot-replies:<channel>:<recipient> zset of mention ids with bot replies, score = queued at
 *   P stats:mentions, stats:outbox      hashes status -> count
 *   P paused                            hash channel -> paused until
 *   P schema                            the layout version: 2 once data written before the handoff indexes is indexed,
 *                                       3 once threads:agent is filled for threads owned before it
 */

/** Helpers every script starts with (the handoff store's scripts too): ARGV[1] is the prefix. */
export const COMMON = `
local P = ARGV[1]
-- Members of the outbox sets are zero-padded ids, so equal scores sort by id.
local function pad(id) return string.format('%015d', tonumber(id)) end
local function bump(hash, from, to)
  if from then redis.call('HINCRBY', P .. hash, from, -1) end
  redis.call('HINCRBY', P .. hash, to, 1)
end
local function threadKey(channel, threadId) return P .. 'thread:' .. channel .. ':' .. threadId end
local function orEmpty(value) return value or '' end
-- The UTC day of an epoch-ms time, as a day number (the SLA counters' key).
local function dayOf(ms) return math.floor(tonumber(ms) / 86400000) end
local function slaKey(ms)
  local day = dayOf(ms)
  redis.call('ZADD', P .. 'sla:days', day, day)
  return P .. 'sla:' .. day
end
-- A mention the brand owes an answer: its first sent reply within 1, 5, 60 minutes of receipt.
local function countFirstSent(receivedAt, firstSentAt)
  local delay, sla = tonumber(firstSentAt) - tonumber(receivedAt), slaKey(receivedAt)
  if delay <= 60000 then redis.call('HINCRBY', sla, 'within1m', 1) end
  if delay <= 300000 then redis.call('HINCRBY', sla, 'within5m', 1) end
  if delay <= 3600000 then redis.call('HINCRBY', sla, 'within60m', 1) end
end
-- Pending bot replies per thread: what CLAIM_REPLIES cancels when a person owns the thread.
local function botPending(member, rid, add)
  local set = P .. 'bot-pending:' .. member
  if add then
    redis.call('SADD', set, rid)
    redis.call('SADD', P .. 'threads:bot-pending', member)
  elseif redis.call('SREM', set, rid) == 1 and redis.call('SCARD', set) == 0 then
    redis.call('SREM', P .. 'threads:bot-pending', member)
  end
end
local function pushEvent(channel, threadId, json) redis.call('RPUSH', P .. 'thread-events:' .. channel .. ':' .. threadId, json) end
-- Sets the state; the open-threads zset follows it (the queue lists it without a scan).
local function setState(channel, threadId, state, now)
  redis.call('HSET', threadKey(channel, threadId), 'state', state, 'updated_at', now)
  local member = channel .. ':' .. threadId
  if state == 'waiting' or state == 'agent' then
    redis.call('ZADD', P .. 'threads:open', 'NX', now, member)
  else
    redis.call('ZREM', P .. 'threads:open', member)
  end
  if state == 'agent' then redis.call('SADD', P .. 'threads:agent', member) else redis.call('SREM', P .. 'threads:agent', member) end
end
-- A person's first reply since the handoff: its event and the day's human first-response time.
local function humanFirstResponse(channel, threadId, actor, now, handoffAt, firstHumanReplyAt)
  if orEmpty(handoffAt) == '' or orEmpty(firstHumanReplyAt) ~= '' then return end
  local ms = tonumber(now) - tonumber(handoffAt)
  pushEvent(channel, threadId, cjson.encode({ type = 'human_first_response', actor = actor, at = tonumber(now), data = { ms = ms } }))
  redis.call('RPUSH', P .. 'sla-human:' .. dayOf(now), ms)
  slaKey(now)
end
-- Inserts one outbox row unless its idempotency key exists; returns its id, or nil when it did.
-- r: ikey, mentionId ('' for none), channel, threadId, inReplyTo, recipient, text, kind, replyContext, author, now.
local function queueReply(r)
  if redis.call('HEXISTS', P .. 'reply-ids', r.ikey) == 1 then return nil end
  local rid = redis.call('INCR', P .. 'seq:reply')
  redis.call('HSET', P .. 'reply-ids', r.ikey, rid)
  redis.call('HSET', P .. 'reply:' .. rid, 'id', rid, 'idempotency_key', r.ikey, 'mention_id', r.mentionId, 'channel', r.channel,
    'thread_id', r.threadId, 'in_reply_to', r.inReplyTo, 'recipient', r.recipient, 'text', r.text, 'kind', r.kind,
    'reply_context', r.replyContext, 'status', 'pending', 'attempts', 0, 'next_attempt_at', r.now, 'lease_until', 0,
    'last_error', '', 'created_at', r.now, 'author', r.author)
  if r.mentionId ~= '' then redis.call('RPUSH', P .. 'mention-replies:' .. r.mentionId, rid) end
  redis.call('RPUSH', P .. 'thread-replies:' .. r.channel .. ':' .. r.threadId, rid)
  redis.call('SADD', P .. 'outbox:channels', r.channel)
  redis.call('ZADD', P .. 'outbox:due:' .. r.channel, r.now, pad(rid))
  if r.kind ~= 'agent' then botPending(r.channel .. ':' .. r.threadId, rid, true) end
  if r.kind ~= 'agent' and r.mentionId ~= '' then
    redis.call('ZADD', P .. 'bot-replies:' .. r.channel .. ':' .. r.recipient, r.now, r.mentionId)
  end
  bump('stats:outbox', nil, 'pending')
  return rid
end
`;

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
  bump('stats:mentions', nil, 'received')
  local thread = threadKey(channel, threadId)
  if redis.call('EXISTS', thread) == 0 then
    redis.call('HSET', thread, 'channel', channel, 'thread_id', threadId, 'state', 'bot', 'assignee', '', 'created_at', now, 'updated_at', now)
  end
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

/** ARGV: prefix, limit, now, lease until. Expired leases first go back to the ready set. */
export const CLAIM_MENTIONS = `${COMMON}
local limit, now, leaseUntil = tonumber(ARGV[2]), ARGV[3], ARGV[4]
local ready, leased = P .. 'mentions:ready', P .. 'mentions:leased'
for _, id in ipairs(redis.call('ZRANGEBYSCORE', leased, '-inf', now)) do
  redis.call('ZREM', leased, id)
  redis.call('ZADD', ready, id, id)
end
local rows = {}
if limit < 1 then return rows end
for _, id in ipairs(redis.call('ZRANGE', ready, 0, limit - 1)) do
  local key = P .. 'mention:' .. id
  redis.call('ZREM', ready, id)
  redis.call('ZADD', leased, leaseUntil, id)
  redis.call('HSET', key, 'lease_until', leaseUntil)
  redis.call('HINCRBY', key, 'attempts', 1)
  rows[#rows + 1] = redis.call('HGETALL', key)
end
return rows
`;

/** ARGV: prefix, now, limit. */
export const OVERDUE_MENTIONS = `${COMMON}
local rows = {}
if tonumber(ARGV[3]) < 1 then return rows end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', P .. 'mentions:deadline', '-inf', ARGV[2], 'LIMIT', 0, ARGV[3])) do
  rows[#rows + 1] = redis.call('HGETALL', P .. 'mention:' .. id)
end
return rows
`;

/**
 * ARGV: prefix, now, JSON turns [{id, status, decision, channel, platformId, threadId, author,
 * replyContext, replies: [{text, kind}], threadState, assignee, stateEvent}] (all strings, '' for
 * absent). Returns 1/0 per turn: a turn commits only while its mention is still 'received'.
 * Thread state as the SQLite store's setThreadState: waiting only while the bot may answer there
 * (bot, resolved, closed: a claim made during the turn wins); agent (the brand replied natively)
 * from any state, keeping a person who already owns it.
 */
export const COMMIT_TURNS = `${COMMON}
local now = ARGV[2]
local function applyThreadState(t)
  local thread = threadKey(t.channel, t.threadId)
  local f = redis.call('HMGET', thread, 'state', 'assignee', 'handoff_at', 'first_human_reply_at', 'claimed_at')
  local state = f[1]
  if not state then return end
  if t.threadState == 'agent' then
    humanFirstResponse(t.channel, t.threadId, t.assignee ~= '' and t.assignee or 'platform', now, f[3], f[4])
    local assignee = (state == 'agent' and orEmpty(f[2]) ~= '') and f[2] or t.assignee
    redis.call('HSET', thread, 'assignee', assignee, 'claimed_at', state ~= 'agent' and now or orEmpty(f[5]),
      'first_human_reply_at', orEmpty(f[4]) ~= '' and f[4] or now, 'last_agent_activity_at', now)
  elseif state == 'bot' or state == 'resolved' or state == 'closed' then
    redis.call('HSET', thread, 'handoff_at', now, 'first_human_reply_at', '')
  else
    return
  end
  setState(t.channel, t.threadId, t.threadState, now)
  pushEvent(t.channel, t.threadId, t.stateEvent)
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
    if t.status ~= 'ignored' and t.status ~= 'routed' then
      local m = redis.call('HMGET', key, 'received_at', 'first_sent_at')
      redis.call('HINCRBY', slaKey(m[1]), 'mentions', 1)
      if m[2] then countFirstSent(m[1], m[2]) end
    end
    for part, r in ipairs(t.replies) do
      queueReply({ ikey = t.channel .. ':' .. t.platformId .. ':' .. (part - 1), mentionId = t.id, channel = t.channel,
        threadId = t.threadId, inReplyTo = t.platformId, recipient = t.author, text = r.text, kind = r.kind,
        replyContext = t.replyContext, author = '', now = now })
    end
    if t.threadState ~= '' then applyThreadState(t) end
    results[i] = 1
  end
end
return results
`;

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
  if m[2] ~= 'received' and m[2] ~= 'ignored' and m[2] ~= 'routed' then countFirstSent(m[1], now) end
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

/** ARGV: prefix, id, error, now, event JSON. */
export const MARK_FAILED = `${COMMON}${SETTLE}
local f = settle(ARGV[2], 'failed', { 'last_error', ARGV[3], 'sent_at', ARGV[4] })
if f then redis.call('RPUSH', P .. 'thread-events:' .. f[2] .. ':' .. f[3], ARGV[5]) end
return 1
`;

/** ARGV: prefix, id, retry at, error, attempts to give back (0 or 1). Only while still pending. */
export const MARK_RETRY = `${COMMON}
local key = P .. 'reply:' .. ARGV[2]
local f = redis.call('HMGET', key, 'status', 'channel')
if f[1] ~= 'pending' then return 0 end
redis.call('HSET', key, 'next_attempt_at', ARGV[3], 'last_error', ARGV[4], 'lease_until', 0)
if ARGV[5] ~= '0' then redis.call('HINCRBY', key, 'attempts', -tonumber(ARGV[5])) end
redis.call('ZREM', P .. 'outbox:leased', pad(ARGV[2]))
redis.call('ZADD', P .. 'outbox:due:' .. f[2], ARGV[3], pad(ARGV[2]))
return 1
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

/** ARGV: prefix, channel, until. The later pause wins. */
export const PAUSE_CHANNEL = `${COMMON}
local current = tonumber(redis.call('HGET', P .. 'paused', ARGV[2]) or '0')
if tonumber(ARGV[3]) > current then redis.call('HSET', P .. 'paused', ARGV[2], ARGV[3]) end
return 1
`;

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
if t[1] == 'agent' then redis.call('SADD', P .. 'threads:agent', member) end
return 1
`;

/** ARGV: prefix. Fills threads:agent from the open threads (layout 2 to 3); idempotent. */
export const INDEX_AGENT_THREADS = `${COMMON}
for _, member in ipairs(redis.call('ZRANGE', P .. 'threads:open', 0, -1)) do
  if redis.call('HGET', P .. 'thread:' .. member, 'state') == 'agent' then redis.call('SADD', P .. 'threads:agent', member) end
end
return 1
`;
