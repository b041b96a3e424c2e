/** The outbox's retry scripts: a reply's next attempt, retries brought forward or probed after an outage, channel pauses. */
import { COMMON } from './redis-scripts-common.js';

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
