import { COMMON } from './redis-scripts-common.js';
import { FOLLOW_UP } from './redis-lifecycle-scripts.js';

/**
 * Lua scripts of the Redis handoff store, on the responder's key layout (documented at the top of
 * store/redis-scripts-common.ts). Each guard is one script, so it is atomic across every instance.
 */

/**
 * ARGV: prefix, channel, thread id, to, set assignee (1/0), assignee, check assignee (1/0), if
 * assignee, check activity (1/0), if last activity ('' for none), now, event JSON, check no
 * customer reply waits (1/0), claim cap ('' for none), from states...
 * Returns {1 or 0, thread row, 1 when refused by the cap}: the compare-and-set and its event, or the thread as it is now.
 */
export const TRANSITION = `${COMMON}
local channel, threadId, to, now = ARGV[2], ARGV[3], ARGV[4], ARGV[11]
local thread = threadKey(channel, threadId)
local f = redis.call('HMGET', thread, 'state', 'assignee', 'last_agent_activity_at', 'handoff_at', 'customer_replied_at')
if not f[1] then return {0, {}} end
-- The workload cap: the new assignee's other claims, read from their queue (queue:mine holds exactly
-- the threads they own in state agent, kept by requeue), so a claim costs the same with any queue size.
if ARGV[14] ~= '' and ARGV[5] == '1' and ARGV[6] ~= '' then
  local mine = P .. 'queue:mine:' .. ARGV[6]
  local claims = redis.call('ZCARD', mine)
  if redis.call('ZSCORE', mine, channel .. ':' .. threadId) then claims = claims - 1 end
  if claims >= tonumber(ARGV[14]) then return {0, redis.call('HGETALL', thread), 1} end
end
local allowed = false
for i = 15, #ARGV do if ARGV[i] == f[1] then allowed = true end end
local function sameTime(a, b)
  if orEmpty(a) == '' or b == '' then return orEmpty(a) == b end
  return tonumber(a) == tonumber(b)
end
if not allowed
  or (ARGV[7] == '1' and (orEmpty(f[2]) == '' or f[2] ~= ARGV[8]))
  or (ARGV[9] == '1' and not sameTime(f[3], ARGV[10]))
  or (ARGV[13] == '1' and orEmpty(f[5]) ~= '') then
  return {0, redis.call('HGETALL', thread)}
end
if ARGV[5] == '1' then redis.call('HSET', thread, 'assignee', ARGV[6]) end
if to == 'agent' then redis.call('HSET', thread, 'claimed_at', now, 'last_agent_activity_at', now) end
if to == 'waiting' and f[1] ~= 'waiting' and orEmpty(f[4]) == '' then redis.call('HSET', thread, 'handoff_at', now) end
-- A failed reply's reason stays until the thread leaves people's hands.
if to == 'bot' or to == 'resolved' or to == 'closed' then
  redis.call('HSET', thread, 'reply_failure', '', 'reply_failed_at', '', 'customer_replied_at', '', 'unread_at', '')
end
setState(channel, threadId, to, now)
requeue(channel, threadId)
pushEvent(channel, threadId, ARGV[12])
return {1, redis.call('HGETALL', thread)}
`;

/**
 * ARGV: prefix, channel, thread id, actor, in reply to, recipient, reply context, request id, now,
 * parts... Only while the actor owns the thread (state agent): queues the parts (once per request
 * id), under the mention answered so they go out in order; the first human reply since the handoff
 * and the agent_reply event. Returns {1 or 0, new reply ids, thread row, first response ms or -1}.
 */
export const QUEUE_AGENT_REPLY = `${COMMON}${FOLLOW_UP}
local channel, threadId, actor, inReplyTo, now = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[9]
local thread = threadKey(channel, threadId)
local f = redis.call('HMGET', thread, 'state', 'assignee', 'handoff_at', 'first_human_reply_at')
if f[1] ~= 'agent' or f[2] ~= actor then return {0, {}, redis.call('HGETALL', thread), -1} end
local firstResponseMs = (orEmpty(f[3]) ~= '' and orEmpty(f[4]) == '') and (tonumber(now) - tonumber(f[3])) or -1
redis.call('HSET', thread, 'last_agent_activity_at', now, 'updated_at', now, 'first_human_reply_at', orEmpty(f[4]) ~= '' and f[4] or now)
humanFirstResponse(channel, threadId, actor, now, f[3], f[4])
answerFollowUp(channel, threadId, actor, now)
requeue(channel, threadId)
local mentionId = orEmpty(redis.call('HGET', P .. 'mention-ids', channel .. ':' .. inReplyTo))
local ids = {}
for i = 10, #ARGV do
  local rid = queueReply({ ikey = 'agent:' .. channel .. ':' .. ARGV[8] .. ':' .. (i - 10), mentionId = mentionId, channel = channel,
    threadId = threadId, inReplyTo = inReplyTo, recipient = ARGV[6], text = ARGV[i], kind = 'agent', replyContext = ARGV[7],
    author = actor, now = now })
  if rid then ids[#ids + 1] = rid end
end
local replyIds = {}
for i, id in ipairs(ids) do replyIds[i] = tonumber(id) end
-- cjson writes an empty table as {}: the event's replyIds stays a list.
local data = #replyIds > 0 and cjson.encode({ replyIds = replyIds }) or '{"replyIds":[]}'
pushEvent(channel, threadId, '{"type":"agent_reply","actor":' .. cjson.encode(actor) .. ',"at":' .. now .. ',"data":' .. data .. '}')
return {1, ids, redis.call('HGETALL', thread), firstResponseMs}
`;

/**
 * ARGV: prefix, with latest mention (1/0), the bytes of text a latest mention carries at most, state
 * count n, n states, then thread members ("<channel>:<thread id>"); without members, the open threads
 * (threads:open). Returns {thread row, latest mention row not ignored (or {})} per thread in one of the states.
 */
export const LIST_THREADS = `${COMMON}
local headBytes = tonumber(ARGV[3])
local n = tonumber(ARGV[4])
local wanted = {}
for i = 5, 4 + n do wanted[ARGV[i]] = true end
local members = {}
for i = 5 + n, #ARGV do members[#members + 1] = ARGV[i] end
if #members == 0 then members = redis.call('ZRANGE', P .. 'threads:open', 0, -1) end
-- The start of a long text only (whole UTF-8 characters): a listing of many threads never ships whole texts.
local function head(s, n)
  if #s <= n then return s end
  local cut = n
  while cut > 0 and string.byte(s, cut + 1) >= 128 and string.byte(s, cut + 1) < 192 do cut = cut - 1 end
  return string.sub(s, 1, cut)
end
local function latestMention(member)
  local ids = redis.call('LRANGE', P .. 'thread-mentions:' .. member, 0, -1)
  for i = #ids, 1, -1 do
    local key = P .. 'mention:' .. ids[i]
    if redis.call('HGET', key, 'status') ~= 'ignored' then
      local row = redis.call('HGETALL', key)
      for f = 1, #row, 2 do
        if row[f] == 'text' then row[f + 1] = head(row[f + 1], headBytes) end
      end
      return row
    end
  end
  return {}
end
local rows = {}
for _, member in ipairs(members) do
  local key = P .. 'thread:' .. member
  if wanted[redis.call('HGET', key, 'state')] then
    rows[#rows + 1] = { redis.call('HGETALL', key), ARGV[2] == '1' and latestMention(member) or {} }
  end
end
return rows
`;

/** ARGV: prefix, channel, thread id. Returns {mention rows, reply rows, event JSONs}, oldest first. */
export const TRANSCRIPT = `${COMMON}
local member = ARGV[2] .. ':' .. ARGV[3]
local function rowsOf(list, prefix)
  local rows = {}
  for _, id in ipairs(redis.call('LRANGE', P .. list .. member, 0, -1)) do rows[#rows + 1] = redis.call('HGETALL', P .. prefix .. id) end
  return rows
end
return { rowsOf('thread-mentions:', 'mention:'), rowsOf('thread-replies:', 'reply:'), redis.call('LRANGE', P .. 'thread-events:' .. member, 0, -1) }
`;

/** ARGV: prefix, first day number. Returns {day number, counters row, human first-response ms, next-response ms} per day. */
export const SLA_DAYS = `${COMMON}
local days = {}
for _, day in ipairs(redis.call('ZRANGEBYSCORE', P .. 'sla:days', ARGV[2], '+inf')) do
  days[#days + 1] = { day, redis.call('HGETALL', P .. 'sla:' .. day), redis.call('LRANGE', P .. 'sla-human:' .. day, 0, -1),
    redis.call('LRANGE', P .. 'sla-human-next:' .. day, 0, -1) }
end
return days
`;

/**
 * ARGV: prefix, channel, thread id, type, since, event JSON. Records the event unless one of its type is
 * there since `since`; 1 if recorded. An SLA notice (recorded now or before) also marks the thread with
 * the clock start it was for, which takes the thread out of that notice's sla-due set.
 */
export const RECORD_EVENT_ONCE = `${COMMON}
local key = P .. 'thread-events:' .. ARGV[2] .. ':' .. ARGV[3]
local since = tonumber(ARGV[5])
local recorded = 1
for _, raw in ipairs(redis.call('LRANGE', key, 0, -1)) do
  local e = cjson.decode(raw)
  if e.type == ARGV[4] and tonumber(e.at) >= since then
    recorded = 0
    break
  end
end
if recorded == 1 then redis.call('RPUSH', key, ARGV[6]) end
local thread = threadKey(ARGV[2], ARGV[3])
if (ARGV[4] == 'sla_warning' or ARGV[4] == 'sla_breach' or ARGV[4] == 'sla_next_breach') and redis.call('EXISTS', thread) == 1 then
  redis.call('HSET', thread, ARGV[4] .. '_since', ARGV[5])
  requeue(ARGV[2], ARGV[3])
end
return recorded
`;
