import { COMMON } from './redis-scripts-common.js';

/**
 * The search index on Redis: an inverted index of each thread's words, intersected at query time.
 * Keys (P = prefix; member = "<channel>:<thread id>"):
 *   P search:mark:mentions, search:mark:replies  the last mention and reply id indexed (the indexer's watermarks)
 *   P search:seq                        counter: a thread's score is the seq of its latest indexed text
 *   P search:all                        zset member -> score, every indexed thread
 *   P search:t:<word>                   zset member -> score, threads whose texts have the word
 *   P search:f:<facet>:<value>          zset member -> score, threads by channel, priority, topic, language
 *   P search:thread:<member>            hash channel, thread_id, seq, author, priority, topic, language, tokens
 *   P search:body:<member>              list of the thread's latest texts
 *   P seq:note, thread-notes:<member>   note ids; list of JSON notes {id, author, text, at}
 */
const APPEND = `${COMMON}
local FACETS = { 'priority', 'topic', 'language' }
-- Adds a text to its thread: every word of the thread (old and new) and each facet take the new score.
local function appendText(channel, threadId, text, tokens, customer, author, facets)
  local member = channel .. ':' .. threadId
  local h = P .. 'search:thread:' .. member
  local seq = redis.call('INCR', P .. 'search:seq')
  local cur = redis.call('HMGET', h, 'tokens', 'priority', 'topic', 'language')
  local seen, list = {}, {}
  for _, source in ipairs({ cur[1] or '', tokens }) do
    for tok in string.gmatch(source, '%S+') do
      if not seen[tok] then seen[tok] = true list[#list + 1] = tok end
    end
  end
  for _, tok in ipairs(list) do redis.call('ZADD', P .. 'search:t:' .. tok, seq, member) end
  local vals = { cur[2] or '', cur[3] or '', cur[4] or '' }
  if customer then
    for k = 1, 3 do
      if vals[k] ~= '' and vals[k] ~= facets[k] then redis.call('ZREM', P .. 'search:f:' .. FACETS[k] .. ':' .. vals[k], member) end
      vals[k] = facets[k]
    end
    redis.call('HSET', h, 'author', author)
  end
  for k = 1, 3 do
    if vals[k] ~= '' then redis.call('ZADD', P .. 'search:f:' .. FACETS[k] .. ':' .. vals[k], seq, member) end
  end
  redis.call('ZADD', P .. 'search:f:channel:' .. channel, seq, member)
  redis.call('ZADD', P .. 'search:all', seq, member)
  redis.call('HSET', h, 'channel', channel, 'thread_id', threadId, 'seq', seq, 'tokens', table.concat(list, ' '),
    'priority', vals[1], 'topic', vals[2], 'language', vals[3])
  redis.call('RPUSH', P .. 'search:body:' .. member, text)
  redis.call('LTRIM', P .. 'search:body:' .. member, -32, -1)
end
`;

/**
 * ARGV: prefix, mentions mark expected, new; replies mark expected, new; then per text: channel,
 * thread id, text, words (space-separated), customer ('1': sets author and facets), author, priority,
 * topic, language. Returns 0 (nothing done) when another instance moved a mark first.
 */
export const INDEX_TEXTS = `${APPEND}
local function markOf(name) return tonumber(redis.call('GET', P .. 'search:mark:' .. name) or '0') end
if markOf('mentions') ~= tonumber(ARGV[2]) or markOf('replies') ~= tonumber(ARGV[4]) then return 0 end
redis.call('SET', P .. 'search:mark:mentions', ARGV[3])
redis.call('SET', P .. 'search:mark:replies', ARGV[5])
for i = 6, #ARGV, 9 do
  appendText(ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4] == '1', ARGV[i + 5], { ARGV[i + 6], ARGV[i + 7], ARGV[i + 8] })
end
return 1
`;

/** ARGV: prefix, channel, thread id, author, text, now, words. Returns the note's id, or 0 when there is no such thread. */
export const ADD_NOTE = `${APPEND}
local channel, threadId, author, text, now = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
if redis.call('EXISTS', threadKey(channel, threadId)) == 0 then return 0 end
local id = redis.call('INCR', P .. 'seq:note')
redis.call('RPUSH', P .. 'thread-notes:' .. channel .. ':' .. threadId,
  cjson.encode({ id = id, author = author, text = text, at = tonumber(now) }))
appendText(channel, threadId, text, ARGV[7], false, '', {})
return id
`;

/**
 * ARGV: prefix, after (score, exclusive; '+inf' for the first page), limit, state ('' any), assignee
 * ('' any), scan budget, temporary key, then the index keys (after P search:) to intersect. Walks
 * the matches newest first, keeping those in the state and with the assignee, until `limit` and
 * one more, or the budget. Returns {next score or '', hits}; a hit is {seq, search hash pairs,
 * state, assignee, updated_at, body parts}.
 */
export const SEARCH = `${COMMON}
local after, limit, state, assignee, budget, tmp = ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5], tonumber(ARGV[6]), ARGV[7]
local n = #ARGV - 7
local source = P .. 'search:' .. ARGV[8]
if n > 1 then
  local args = { 'ZINTERSTORE', tmp, n }
  for i = 8, #ARGV do args[#args + 1] = P .. 'search:' .. ARGV[i] end
  args[#args + 1] = 'AGGREGATE'
  args[#args + 1] = 'MAX'
  redis.call(unpack(args))
  source = tmp
end
local hits, scanned, last, nextScore = {}, 0, nil, ''
local max = after == '+inf' and '+inf' or ('(' .. after)
local done = false
while not done do
  local batch = redis.call('ZREVRANGEBYSCORE', source, max, '-inf', 'WITHSCORES', 'LIMIT', 0, 200)
  if #batch == 0 then break end
  for i = 1, #batch, 2 do
    local member = batch[i]
    local t = redis.call('HMGET', P .. 'thread:' .. member, 'state', 'assignee', 'updated_at')
    if t[1] and (state == '' or t[1] == state) and (assignee == '' or t[2] == assignee) then
      if #hits == limit then nextScore = hits[limit][1] done = true break end
      hits[#hits + 1] = { batch[i + 1], redis.call('HGETALL', P .. 'search:thread:' .. member), t[1], t[2] or '', t[3] or '0',
        redis.call('LRANGE', P .. 'search:body:' .. member, 0, -1) }
    end
    last = batch[i + 1]
    scanned = scanned + 1
    if scanned >= budget then nextScore = last done = true break end
  end
  max = '(' .. last
end
if n > 1 then redis.call('DEL', tmp) end
return { nextScore, hits }
`;

/**
 * ARGV: prefix. Returns {waiting, agent, no reply, bot, resolved, closed}: the open index's sizes and
 * the counters every state change keeps (threads:states), so no call walks the threads.
 */
export const COUNTS = `${COMMON}
local open, agent = redis.call('ZCARD', P .. 'threads:open'), redis.call('SCARD', P .. 'threads:agent')
local by = redis.call('HMGET', P .. 'threads:states', 'bot', 'resolved', 'closed')
return { open - agent, agent, redis.call('ZCARD', P .. 'no-reply'), tonumber(by[1]) or 0, tonumber(by[2]) or 0, tonumber(by[3]) or 0 }
`;
