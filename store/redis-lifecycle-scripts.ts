import { COMMON } from './redis-scripts-common.js';

/**
 * The customer-replied part of a thread's life on Redis (store/thread-state.ts, CUSTOMER_REPLIED_STATES has the rules), as
 * Lua helpers the turn commit and the agent reply scripts include after COMMON, and the unread
 * marker's script. Thread fields: customer_replied_at, unread_at (epoch ms, '' when none); per day,
 * P sla-human-next:<day number> lists the next-response times (ms) recorded that day.
 */
export const FOLLOW_UP = `
-- A customer's follow-up not yet answered: its time (the first one since the last answer) and the unread marker.
local function markFollowUp(thread, now)
  local f = redis.call('HMGET', thread, 'customer_replied_at', 'unread_at')
  if orEmpty(f[1]) == '' then redis.call('HSET', thread, 'customer_replied_at', now) end
  if orEmpty(f[2]) == '' then redis.call('HSET', thread, 'unread_at', now) end
  redis.call('HSET', thread, 'updated_at', now)
end
-- A person (or the brand natively) answered: the follow-up's wait ends, recorded for the SLA report.
local function answerFollowUp(channel, threadId, actor, now)
  local thread = threadKey(channel, threadId)
  local at = redis.call('HGET', thread, 'customer_replied_at')
  if orEmpty(at) == '' then return end
  local ms = tonumber(now) - tonumber(at)
  redis.call('HSET', thread, 'customer_replied_at', '', 'unread_at', '')
  pushEvent(channel, threadId, cjson.encode({ type = 'human_next_response', actor = actor, at = tonumber(now), data = { ms = ms } }))
  redis.call('RPUSH', P .. 'sla-human-next:' .. dayOf(now), ms)
  slaKey(now)
end
`;

/**
 * What a committed turn does to its thread (as store/sqlite-turn-thread.ts): t is the commit's turn
 * (channel, threadId, id, author, status, threadState, assignee, stateEvent, dropThread), now the time.
 */
export const TURN_THREAD = `${FOLLOW_UP}
-- The brand answered: the bot's queued replies there (an acknowledgement held by a pause) would come after it.
local function cancelBotReplies(channel, threadId, now)
  local member = channel .. ':' .. threadId
  for _, rid in ipairs(redis.call('SMEMBERS', P .. 'bot-pending:' .. member)) do
    local f = redis.call('HMGET', P .. 'reply:' .. rid, 'status', 'lease_until')
    if f[1] == 'pending' and tonumber(f[2]) <= tonumber(now) then
      redis.call('HSET', P .. 'reply:' .. rid, 'status', 'cancelled', 'last_error', 'the brand answered natively')
      redis.call('ZREM', P .. 'outbox:due:' .. channel, pad(rid))
      redis.call('SREM', P .. 'outbox:backoff:' .. channel, pad(rid))
      botPending(member, rid, false)
      bump('stats:outbox', 'pending', 'cancelled')
    end
  end
end
local function isPerson(assignee) return orEmpty(assignee) ~= '' and string.sub(assignee, 1, 9) ~= 'platform:' end
local function turnThread(t, now)
  local thread = threadKey(t.channel, t.threadId)
  local f = redis.call('HMGET', thread, 'state', 'assignee', 'handoff_at', 'first_human_reply_at', 'claimed_at')
  local state = f[1]
  if not state then return end
  if t.threadState == 'waiting' then
    -- Only while the bot may still answer there: a person's claim during the turn wins.
    if state ~= 'bot' and state ~= 'resolved' and state ~= 'closed' then return end
    redis.call('HSET', thread, 'handoff_at', now, 'first_human_reply_at', '', 'customer_replied_at', '')
    setState(t.channel, t.threadId, 'waiting', now)
    pushEvent(t.channel, t.threadId, t.stateEvent)
  elseif t.threadState == 'agent' or t.threadState == 'resolved' then
    -- The brand replied natively: a person who owns (or owned) it stays the assignee.
    local actor = t.assignee ~= '' and t.assignee or 'platform'
    humanFirstResponse(t.channel, t.threadId, actor, now, f[3], f[4])
    answerFollowUp(t.channel, t.threadId, actor, now)
    cancelBotReplies(t.channel, t.threadId, now)
    local keep = (state == 'agent' or state == 'resolved') and orEmpty(f[2]) ~= ''
    redis.call('HSET', thread, 'assignee', keep and f[2] or t.assignee, 'claimed_at', state ~= 'agent' and now or orEmpty(f[5]),
      'first_human_reply_at', orEmpty(f[4]) ~= '' and f[4] or now, 'last_agent_activity_at', now, 'unread_at', '')
    if t.threadState == 'resolved' then redis.call('HSET', thread, 'reply_failure', '', 'reply_failed_at', '') end
    setState(t.channel, t.threadId, t.threadState, now)
    pushEvent(t.channel, t.threadId, t.stateEvent)
  elseif t.dropThread == '1' then
    if state == 'bot' and redis.call('LLEN', P .. 'thread-mentions:' .. t.channel .. ':' .. t.threadId) <= 1 then
      redis.call('DEL', thread)
      redis.call('HINCRBY', P .. 'threads:states', 'bot', -1)
    end
  elseif t.status ~= 'ignored' then
    if state == 'resolved' and t.status == 'routed' then
      -- Back to its person, or to the queue when none (or only the platform) had it.
      local person = isPerson(f[2])
      local to = person and 'agent' or 'waiting'
      redis.call('HSET', thread, 'assignee', person and f[2] or '', 'last_agent_activity_at', now,
        'handoff_at', orEmpty(f[3]) ~= '' and f[3] or now)
      if person then redis.call('HSET', thread, 'claimed_at', now) end
      markFollowUp(thread, now)
      setState(t.channel, t.threadId, to, now)
      local data = { mentionId = tonumber(t.id), state = to }
      if person then data.assignee = f[2] end
      pushEvent(t.channel, t.threadId, cjson.encode({ type = 'customer_replied', actor = t.author, at = tonumber(now), data = data }))
    elseif state == 'agent' or (state == 'waiting' and orEmpty(f[4]) ~= '') then
      markFollowUp(thread, now)
    end
  end
end
`;

/**
 * ARGV: prefix, channel, thread id, reader. Clears the unread marker when the reader owns the thread
 * (or nobody does, or only the platform). Returns {1 or 0, thread row}.
 */
export const MARK_READ = `${COMMON}
local thread = threadKey(ARGV[2], ARGV[3])
local f = redis.call('HMGET', thread, 'state', 'assignee')
if not f[1] then return {0, {}} end
local owner = orEmpty(f[2])
if f[1] == 'agent' and owner ~= '' and owner ~= ARGV[4] and string.sub(owner, 1, 9) ~= 'platform:' then
  return {0, redis.call('HGETALL', thread)}
end
redis.call('HSET', thread, 'unread_at', '')
return {1, redis.call('HGETALL', thread)}
`;
