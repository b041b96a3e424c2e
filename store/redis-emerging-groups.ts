import { EMERGING_MAX_THREADS, type EmergingGroupRecord, type EmergingGroups, type EmergingStatus } from './emerging-groups.js';
import type { RedisClient, scriptRunner } from './redis-script-runner.js';
import { createRedisEmergingAnswers } from './redis-emerging-answers.js';

/*
 * Keys (P = prefix):
 *   P emerging:<id>           hash, the group (words, samples as JSON)
 *   P emerging:<id>:threads   list of thread keys, in the order they joined
 *   P emerging:<id>:seen      set of the same keys (each once)
 *   P emerging:all            zset of group ids, score = raised at
 *   P emerging:open           zset of open group ids, score = raised at
 * and the answering's keys (redis-emerging-answers.ts).
 */

/** ARGV: prefix, id, raised at (or '' to only grow), size, authors, max threads, n fields (name, value pairs), then thread keys. */
const SAVE = `
local P, id = ARGV[1], ARGV[2]
local key = P .. 'emerging:' .. id
local nf = tonumber(ARGV[6])
if redis.call('EXISTS', key) == 0 then
  if ARGV[3] == '' then return 0 end
  local fields = {}
  for i = 7, 6 + nf * 2 do fields[#fields + 1] = ARGV[i] end
  redis.call('HSET', key, 'id', id, 'status', 'open', 'raised_at', ARGV[3], 'size', ARGV[4], 'authors', ARGV[5], unpack(fields))
  redis.call('ZADD', P .. 'emerging:all', ARGV[3], id)
  redis.call('ZADD', P .. 'emerging:open', ARGV[3], id)
else
  if tonumber(ARGV[4]) > tonumber(redis.call('HGET', key, 'size')) then redis.call('HSET', key, 'size', ARGV[4]) end
  if tonumber(ARGV[5]) > tonumber(redis.call('HGET', key, 'authors')) then redis.call('HSET', key, 'authors', ARGV[5]) end
end
local max = tonumber(ARGV[7 + nf * 2])
for i = 8 + nf * 2, #ARGV do
  if redis.call('SCARD', key .. ':seen') >= max then break end
  if redis.call('SADD', key .. ':seen', ARGV[i]) == 1 then redis.call('RPUSH', key .. ':threads', ARGV[i]) end
end
return 1
`;

/** ARGV: prefix, id, status ('' to only link), by, at, entry id ('' keeps it). Returns 1 when the group was open. */
const SETTLE = `
local P, id = ARGV[1], ARGV[2]
local key = P .. 'emerging:' .. id
if redis.call('HGET', key, 'status') ~= 'open' then return 0 end
if ARGV[6] ~= '' then redis.call('HSET', key, 'entry_id', ARGV[6]) end
if ARGV[3] == '' then return 1 end
redis.call('HSET', key, 'status', ARGV[3], 'decided_by', ARGV[4], 'decided_at', ARGV[5])
redis.call('ZREM', P .. 'emerging:open', id)
if ARGV[3] == 'answered' then
  -- The threads it holds now are the ones answered (redis-emerging-answers.ts), whatever joins later.
  local n = redis.call('LLEN', key .. ':threads')
  redis.call('HSET', key, 'answer_count', n)
  if n > 0 then redis.call('ZADD', P .. 'emerging:answering', ARGV[5], id) end
end
return 1
`;

const FIELDS = [
  'id',
  'raised_at',
  'size',
  'authors',
  'words',
  'samples',
  'draft_id',
  'draft_yaml',
  'status',
  'entry_id',
  'decided_by',
  'decided_at',
];

/** Emerging groups on Redis, shared by every instance: a save (with its thread keys) and each settle in one script. */
export function createRedisEmergingGroups(client: RedisClient, run: ReturnType<typeof scriptRunner>, prefix: string): EmergingGroups {
  const read = async (id: string): Promise<EmergingGroupRecord | undefined> => {
    const key = `${prefix}emerging:${id}`;
    const [f, threadKeys] = await Promise.all([client.hmGet(key, FIELDS), client.lRange(`${key}:threads`, 0, -1)]);
    const [gid, raisedAt, size, authors, words, samples, draftId, draftYaml, status, entryId, by, at] = f;
    if (!gid) return undefined;
    return {
      id: gid,
      raisedAt: Number(raisedAt),
      size: Number(size),
      authors: Number(authors),
      words: JSON.parse(words!) as string[],
      samples: JSON.parse(samples!) as string[],
      draftId: draftId!,
      draftYaml: draftYaml!,
      threadKeys,
      status: status as EmergingStatus,
      ...(entryId ? { entryId } : {}),
      ...(by ? { decidedBy: by } : {}),
      ...(at ? { decidedAt: Number(at) } : {}),
    };
  };
  const save = (id: string, raisedAt: number | '', size: number, authors: number, fields: string[], keys: readonly string[]) =>
    run(SAVE, [prefix, id, raisedAt, size, authors, fields.length / 2, ...fields, EMERGING_MAX_THREADS, ...keys]);
  return {
    ...createRedisEmergingAnswers(client, run, prefix),
    async saveGroup(g) {
      const fields = [
        'words',
        JSON.stringify(g.words),
        'samples',
        JSON.stringify(g.samples),
        'draft_id',
        g.draftId,
        'draft_yaml',
        g.draftYaml,
      ];
      await save(g.id, g.raisedAt, g.size, g.authors, fields, g.threadKeys);
    },
    async growGroup(id, size, authors, keys) {
      await save(id, '', size, authors, [], keys);
    },
    getGroup: read,
    async listGroups(limit, all = false) {
      const ids = await client.zRange(`${prefix}emerging:${all ? 'all' : 'open'}`, 0, limit - 1, { REV: true });
      return (await Promise.all(ids.map(read))).flatMap((g) => g ?? []);
    },
    async linkEntry(id, entryId) {
      return Number(await run(SETTLE, [prefix, id, '', '', '', entryId])) === 1;
    },
    async settleGroup(id, status, by, at, entryId) {
      return Number(await run(SETTLE, [prefix, id, status, by, at, entryId ?? ''])) === 1;
    },
  };
}
