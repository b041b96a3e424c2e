/**
 * What every Lua script of the Redis store shares: the key layout and the helpers (COMMON); the
 * scripts are in redis-mention-scripts.ts, redis-outbox-scripts.ts, redis-retry-scripts.ts and redis-index-scripts.ts.
 * Each runs atomically on the server, so every guard (dedupe, claim, commit-once) is one operation
 * across all instances. ARGV[1] is always the key prefix; keys are built inside the scripts, so the
 * store needs one Redis server (not Redis Cluster).
 *
 * Keys (P = prefix):
 *   P seq:mention, seq:reply            id counters
 *   P mention-ids                       hash "<channel>:<platform id>" -> mention id (dedupe)
 *   P mention:<id>                      hash, the mention row (first_sent_at: its first reply sent, for the SLA;
 *                                       handed_off_by, handed_off_at: the agent who made a no-reply mention a handoff)
 *   P mentions:ready                    zset of undecided, unleased mentions, score = id (oldest first)
 *   P mentions:leased                   zset of undecided, leased mentions, score = lease end
 *   P mentions:deadline                 zset of undecided mentions, score = acknowledgement deadline
 *   P thread:<channel>:<thread id>      hash, the thread row (handoff_at, claimed_at, first_human_reply_at,
 *                                       last_agent_activity_at: epoch ms, '' until it happens; reply_failure,
 *                                       reply_failed_at: the last reply given up there and why, '' once handled;
 *                                       customer_replied_at, unread_at: redis-lifecycle-scripts.ts)
 *   P thread-events:<channel>:<thread>  list of JSON events {type, actor, at, data}
 *   P thread-mentions:<channel>:<thread> list of the thread's mention ids, oldest first (transcript, queue)
 *   P thread-replies:<channel>:<thread> list of the thread's reply ids, oldest first (transcript, isOwnReply)
 *   P threads:open                      zset of "<channel>:<thread id>" in state waiting or agent, score = opened at
 *   P threads:agent                     set of "<channel>:<thread id>" a person owns (state agent)
 *   P threads:states                    hash state -> how many threads are in it (the views' counts without a scan)
 *   P threads:bot-pending               set of "<channel>:<thread id>" with pending bot replies (cancelled once a person owns it)
 *   P bot-pending:<channel>:<thread id> set of the thread's pending bot reply ids
 *   P reply-platform-ids                hash "<channel>:<platform reply id>" -> reply id (isOwnReply)
 *   P sla:days                          zset of UTC day numbers (epoch ms / 86400000) that have SLA figures
 *   P sla:<day number>                  hash mentions, within1m, within5m, within60m (by the mention's day of receipt)
 *   P sla-human:<day number>            list of human first-response times (ms) recorded that day
 *   P sla-human-next:<day number>       list of next-response times (ms) to customers' follow-ups recorded that day
 *   P no-reply, no-reply:<reason>       zsets of no-reply mention ids (all, by reason), score = id (the agents' no-reply view)
 *   P reply-ids                         hash idempotency key -> reply id (dedupe)
 *   P reply:<id>                        hash, the outbox row (author: the person, for agent replies)
 *   P mention-replies:<mention id>      list of the mention's reply ids, in part order
 *   P outbox:channels                   set of channels that have replies
 *   P outbox:due:<channel>              zset of pending, unleased replies, score = next attempt, member = padded id
 *   P outbox:leased                     zset of pending, leased replies, score = lease end
 *   P outbox:backoff:<channel>          set of padded ids of replies waiting on a backoff after a network error or 5xx
 *   P outbox:pulled                     hash channel -> when its backoffs were last brought forward (PULL_FORWARD)
 *   P bot-replies:<channel>:<recipient> zset of mention ids with bot replies, score = queued at
 *   P stats:mentions, stats:outbox      hashes status -> count
 *   P paused                            hash channel -> paused until
 *   P schema                            the layout version: 2 once data written before the handoff indexes is indexed,
 *                                       3 once threads:agent is filled for threads owned before it,
 *                                       4 once threads:states is counted for threads written before it,
 *                                       5 once the queue's sorted sets (redis-queue-lua.ts) hold the open threads written before them
 *                                       6 once the SLA clocks' sorted sets (redis-queue-lua.ts) do
 */

import { QUEUE_LUA } from './redis-queue-lua.js';

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
  local old = redis.call('HGET', threadKey(channel, threadId), 'state')
  redis.call('HSET', threadKey(channel, threadId), 'state', state, 'updated_at', now)
  if old ~= state then
    if old then redis.call('HINCRBY', P .. 'threads:states', old, -1) end
    redis.call('HINCRBY', P .. 'threads:states', state, 1)
  end
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
${QUEUE_LUA}`;
