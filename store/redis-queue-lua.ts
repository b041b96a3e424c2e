/**
 * The queue in queue order on Redis (store/queue-index.ts), as Lua helpers every script has (COMMON
 * includes them): `requeue` puts a thread where its row says, in the sorted set of each view it is in
 * (score: the place, members "<channel>:<thread id>"); `unrank` forgets its priority when its latest
 * mention or decision changes. Every script that changes a thread's row or its mentions calls them.
 *
 * Keys (P = prefix):
 *   P queue:open, queue:waiting, queue:replied, queue:mine:<assignee>   zsets, score = the place
 *   P queue:unranked                    set of open threads without a priority
 *   thread fields queue_priority ('' when unranked), queue_gen (moves on at each unrank), queue_owner
 *   (the assignee whose queue:mine holds it)
 *   P sla-due:warning, sla-due:breach, sla-due:next_breach   zsets of the open threads each SLA notice may
 *   still be sent for (store/queue-index.ts slaClocks), score = the clock's start; thread fields
 *   sla_<notice>_since: the clock start the notice was recorded for (RECORD_EVENT_ONCE)
 *   P claims:activity                   zset of the threads a person owns, score = their last activity (or claim)
 */
export const QUEUE_LUA = `
-- An open thread in the SLA notices' sets it belongs in (f: requeue's fields); compared as numbers, as written by JS or Lua.
local function slaClocks(member, f)
  local handoff, replied = tonumber(orEmpty(f[5])), tonumber(orEmpty(f[4]))
  local firstClock = handoff and orEmpty(f[3]) == '' and not replied
  local breachSent = handoff and tonumber(orEmpty(f[10])) == handoff
  local function keep(notice, on, score)
    if on then redis.call('ZADD', P .. 'sla-due:' .. notice, string.format('%.0f', score), member)
    else redis.call('ZREM', P .. 'sla-due:' .. notice, member) end
  end
  keep('breach', firstClock and not breachSent, handoff)
  keep('warning', firstClock and not breachSent and tonumber(orEmpty(f[9])) ~= handoff, handoff)
  keep('next_breach', replied and tonumber(orEmpty(f[11])) ~= replied, replied)
end
local function requeue(channel, threadId)
  local member, thread = channel .. ':' .. threadId, threadKey(channel, threadId)
  local f = redis.call('HMGET', thread, 'state', 'assignee', 'first_human_reply_at', 'customer_replied_at', 'handoff_at',
    'updated_at', 'queue_priority', 'queue_owner', 'sla_warning_since', 'sla_breach_since', 'sla_next_breach_since', 'claimed_at',
    'last_agent_activity_at')
  local open = f[1] == 'waiting' or f[1] == 'agent'
  local owner = (f[1] == 'agent' and orEmpty(f[2])) or ''
  if orEmpty(f[8]) ~= '' and f[8] ~= owner then redis.call('ZREM', P .. 'queue:mine:' .. f[8], member) end
  if not open then
    redis.call('ZREM', P .. 'queue:open', member)
    redis.call('ZREM', P .. 'queue:waiting', member)
    redis.call('ZREM', P .. 'queue:replied', member)
    redis.call('SREM', P .. 'queue:unranked', member)
    redis.call('ZREM', P .. 'sla-due:warning', member)
    redis.call('ZREM', P .. 'sla-due:breach', member)
    redis.call('ZREM', P .. 'sla-due:next_breach', member)
    redis.call('ZREM', P .. 'claims:activity', member)
    if f[1] and orEmpty(f[8]) ~= '' then redis.call('HSET', thread, 'queue_owner', '') end
    return
  end
  slaClocks(member, f)
  -- A person's claim by its last activity (the idle release reads the oldest); the platform's never go idle.
  local activity = tonumber(orEmpty(f[13])) or tonumber(orEmpty(f[12])) or tonumber(orEmpty(f[6]))
  if owner ~= '' and string.sub(owner, 1, 9) ~= 'platform:' and activity then
    redis.call('ZADD', P .. 'claims:activity', string.format('%.0f', activity), member)
  else
    redis.call('ZREM', P .. 'claims:activity', member)
  end
  local priority = tonumber(orEmpty(f[7]))
  if priority then redis.call('SREM', P .. 'queue:unranked', member) else redis.call('SADD', P .. 'queue:unranked', member) end
  local replied = orEmpty(f[4]) ~= ''
  local answered = (orEmpty(f[3]) ~= '' and not replied) and 2199023255552 or 0
  local since = tonumber((replied and f[4]) or (orEmpty(f[5]) ~= '' and f[5]) or f[6]) or 0
  local p = math.max(0, math.min(63, priority or 0))
  -- Formatted here: Lua would write a number this large in 14 significant digits.
  local score = string.format('%.0f', (63 - p) * 4398046511104 + answered + since)
  redis.call('ZADD', P .. 'queue:open', score, member)
  if f[1] == 'waiting' then redis.call('ZADD', P .. 'queue:waiting', score, member) else redis.call('ZREM', P .. 'queue:waiting', member) end
  if replied then redis.call('ZADD', P .. 'queue:replied', score, member) else redis.call('ZREM', P .. 'queue:replied', member) end
  if owner ~= '' then redis.call('ZADD', P .. 'queue:mine:' .. owner, score, member) end
  if orEmpty(f[8]) ~= owner then redis.call('HSET', thread, 'queue_owner', owner) end
end
local function unrank(channel, threadId)
  local thread = threadKey(channel, threadId)
  if redis.call('EXISTS', thread) == 0 then return end
  redis.call('HSET', thread, 'queue_priority', '')
  redis.call('HINCRBY', thread, 'queue_gen', 1)
end
`;
