import { COMMON } from './redis-scripts-common.js';
import { fromPairs, toHandoffThread, toMention } from './redis-rows.js';
import type { scriptRunner } from './redis-script-runner.js';
import { listedHead, LISTED_TEXT_CHARS } from './step-budget.js';
import type { HandoffStore, NoReplyMention } from './handoff-store.js';

/**
 * ARGV: prefix, index key suffix ('' for all, ':<reason>'), before id (exclusive), limit, bytes of
 * text at most. Returns {mention row, courtesy reply row or {}} per mention, newest first; texts cut
 * as LIST_THREADS does (whole UTF-8 characters).
 */
const LIST_NO_REPLY = `${COMMON}
local headBytes = tonumber(ARGV[5])
local rows = {}
for _, id in ipairs(redis.call('ZREVRANGEBYSCORE', P .. 'no-reply' .. ARGV[2], '(' .. ARGV[3], '-inf', 'LIMIT', 0, ARGV[4])) do
  local row = redis.call('HGETALL', P .. 'mention:' .. id)
  if #row > 0 then
    for f = 1, #row, 2 do
      if row[f] == 'text' and #row[f + 1] > headBytes then
        local s, cut = row[f + 1], headBytes
        while cut > 0 and string.byte(s, cut + 1) >= 128 and string.byte(s, cut + 1) < 192 do cut = cut - 1 end
        row[f + 1] = string.sub(s, 1, cut)
      end
    end
    local courtesy = {}
    for _, rid in ipairs(redis.call('LRANGE', P .. 'mention-replies:' .. id, 0, -1)) do
      local r = redis.call('HMGET', P .. 'reply:' .. rid, 'kind', 'text', 'status')
      if r[1] == 'courtesy' then courtesy = { 'text', r[2], 'status', r[3] } break end
    end
    rows[#rows + 1] = { row, courtesy }
  end
end
return rows
`;

/**
 * ARGV: prefix, mention id, actor, now. Returns {0} when the mention is not a no-reply one; {2,
 * thread row, by, at, channel, thread id} when an agent already made it a handoff; {1, ...the same}
 * after doing so now (as the SQLite store: the thread to the queue when the bot held it, the hand_off event).
 */
const HAND_OFF_NO_REPLY = `${COMMON}
local id, actor, now = ARGV[2], ARGV[3], ARGV[4]
local key = P .. 'mention:' .. id
local m = redis.call('HMGET', key, 'status', 'channel', 'thread_id', 'decision', 'handed_off_by', 'handed_off_at')
if m[1] ~= 'no_reply' then return {0} end
local thread = threadKey(m[2], m[3])
if orEmpty(m[5]) ~= '' then return {2, redis.call('HGETALL', thread), m[5], m[6], m[2], m[3]} end
redis.call('HSET', key, 'handed_off_by', actor, 'handed_off_at', now)
local state = redis.call('HGET', thread, 'state')
local queued = state == 'bot' or state == 'resolved' or state == 'closed'
if queued then
  redis.call('HSET', thread, 'assignee', '', 'handoff_at', now, 'first_human_reply_at', '')
  setState(m[2], m[3], 'waiting', now)
  requeue(m[2], m[3])
end
local ok, d = pcall(cjson.decode, m[4])
local reason = ok and type(d) == 'table' and d.reason or cjson.null
pushEvent(m[2], m[3], cjson.encode({ type = 'hand_off', actor = actor, at = tonumber(now), data = { mentionId = tonumber(id), noReply = reason, queued = queued } }))
return {1, redis.call('HGETALL', thread), actor, now, m[2], m[3]}
`;

/** The no-reply view of the Redis handoff store: pages from the no-reply indexes COMMIT_TURNS keeps; the handoff of one in one script. */
export function createRedisNoReply(
  run: ReturnType<typeof scriptRunner>,
  prefix: string,
): Pick<HandoffStore, 'listNoReply' | 'handOffNoReply'> {
  return {
    async listNoReply({ limit, beforeId, reason }) {
      // A reason names a key: only word characters (the route allows three names anyway).
      if (reason !== undefined && !/^\w+$/.test(reason)) return [];
      const rows = (await run(LIST_NO_REPLY, [
        prefix,
        reason === undefined ? '' : `:${reason}`,
        beforeId ?? Number.MAX_SAFE_INTEGER,
        limit,
        LISTED_TEXT_CHARS * 4 + 4,
      ])) as [unknown, unknown][];
      return rows.map(([mention, courtesy]): NoReplyMention => {
        const row = fromPairs(mention);
        const reply = fromPairs(courtesy);
        const m = toMention(row);
        let reasonOf = 'unknown';
        try {
          reasonOf = String((JSON.parse(row.decision ?? '{}') as { reason?: unknown }).reason ?? 'unknown');
        } catch {
          // a decision that is not JSON: shown as unknown
        }
        return {
          mention: { ...m, text: listedHead(m.text) ?? m.text },
          reason: reasonOf,
          courtesy: reply.text === undefined ? null : { text: reply.text, status: reply.status ?? 'pending' },
          handedOff: row.handed_off_by ? { by: row.handed_off_by, at: Number(row.handed_off_at) } : null,
        };
      });
    },
    async handOffNoReply({ mentionId, actor, now }) {
      const [done, thread, by, at, channel, threadId] = (await run(HAND_OFF_NO_REPLY, [prefix, mentionId, actor, now])) as [
        number,
        unknown,
        string,
        string,
        string,
        string,
      ];
      if (Number(done) === 0) return { outcome: 'not_found' };
      const row = fromPairs(thread);
      return {
        outcome: Number(done) === 1 ? 'handed_off' : 'already',
        channel,
        threadId,
        handedOff: { by, at: Number(at) },
        thread: row.state ? toHandoffThread(row) : undefined,
      };
    },
  };
}
