import type { AnswerProgress, EmergingGroups } from './emerging-groups.js';
import type { RedisClient, scriptRunner } from './redis-script-runner.js';

type Answers = Pick<EmergingGroups, 'takeAnswerThreads' | 'finishAnswerThread' | 'answerProgress' | 'unfinishedAnswers'>;

/*
 * The paged answering of an emerging group on Redis (P = prefix):
 *   P emerging:<id>            field answer_count: how many of its threads it held when it was answered
 *   P emerging:<id>:taken      hash thread key -> when it was taken
 *   P emerging:<id>:outcome    hash thread key -> '' answered, else why skipped
 *   P emerging:answering       zset of answered groups with threads to do, score = answered at
 * The settle that answers a group (redis-emerging-groups.ts) sets answer_count and adds it to the zset.
 */

/** ARGV: prefix, id, limit, now, stale before. Returns thread key, 1 when retaken, flat. */
const TAKE = `
local P, id = ARGV[1], ARGV[2]
local key = P .. 'emerging:' .. id
local f = redis.call('HMGET', key, 'status', 'answer_count')
if f[1] ~= 'answered' or not f[2] or tonumber(f[2]) == 0 then return {} end
local limit, stale = tonumber(ARGV[3]), tonumber(ARGV[5])
local out = {}
for _, k in ipairs(redis.call('LRANGE', key .. ':threads', 0, tonumber(f[2]) - 1)) do
  if #out >= limit * 2 then break end
  if redis.call('HEXISTS', key .. ':outcome', k) == 0 then
    local at = redis.call('HGET', key .. ':taken', k)
    if not at or tonumber(at) < stale then
      redis.call('HSET', key .. ':taken', k, ARGV[4])
      out[#out + 1] = k
      out[#out + 1] = at and 1 or 0
    end
  end
end
return out
`;

/** ARGV: prefix, id, thread key, outcome. The group leaves the answering set with its last outcome. */
const FINISH = `
local P, id = ARGV[1], ARGV[2]
local key = P .. 'emerging:' .. id
if redis.call('HSETNX', key .. ':outcome', ARGV[3], ARGV[4]) == 1 then redis.call('HDEL', key .. ':taken', ARGV[3]) end
if redis.call('HLEN', key .. ':outcome') >= tonumber(redis.call('HGET', key, 'answer_count') or '0') then
  redis.call('ZREM', P .. 'emerging:answering', id)
end
return 1
`;

export function createRedisEmergingAnswers(client: RedisClient, run: ReturnType<typeof scriptRunner>, prefix: string): Answers {
  const key = (id: string) => `${prefix}emerging:${id}`;
  return {
    async takeAnswerThreads(id, limit, now, staleBefore) {
      const flat = (await run(TAKE, [prefix, id, limit, now, staleBefore])) as unknown[];
      const out: { threadKey: string; retaken: boolean }[] = [];
      for (let i = 0; i < flat.length; i += 2) out.push({ threadKey: String(flat[i]), retaken: Number(flat[i + 1]) === 1 });
      return out;
    },
    async finishAnswerThread(id, threadKey, outcome) {
      await run(FINISH, [prefix, id, threadKey, outcome]);
    },
    async answerProgress(id) {
      const count = Number((await client.hGet(key(id), 'answer_count')) ?? 0);
      const progress: AnswerProgress = { answered: [], skipped: [], pending: 0 };
      if (count === 0) return progress;
      const [keys, outcomes] = await Promise.all([client.lRange(`${key(id)}:threads`, 0, count - 1), client.hGetAll(`${key(id)}:outcome`)]);
      for (const k of keys) {
        const outcome = outcomes[k];
        if (outcome === undefined) progress.pending++;
        else if (outcome === '') progress.answered.push(k);
        else progress.skipped.push({ threadKey: k, reason: outcome });
      }
      return progress;
    },
    async unfinishedAnswers(limit) {
      return client.zRange(`${prefix}emerging:answering`, 0, limit - 1);
    },
  };
}
