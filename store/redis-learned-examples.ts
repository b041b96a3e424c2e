import type { CandidateKind, CandidateStatus, ExampleCandidate, LearnedExamples } from './learned-examples.js';
import type { RedisClient, scriptRunner } from './redis-script-runner.js';

/*
 * Keys (P = prefix):
 *   P seq:candidate                          id counter
 *   P candidate:<id>                         hash, the candidate
 *   P candidates:pending                     zset of pending candidate ids, score = id (oldest first)
 *   P candidate-of:<mention>:<entry>:<kind>  the id recorded for that mention, entry and kind (one each)
 */

/** ARGV: prefix, mention id, entry id, kind, then the fields as name, value pairs. Returns the new id, or 0 for a repeat. */
const ADD = `
local P = ARGV[1]
local once = P .. 'candidate-of:' .. ARGV[2] .. ':' .. ARGV[3] .. ':' .. ARGV[4]
if redis.call('EXISTS', once) == 1 then return 0 end
local id = redis.call('INCR', P .. 'seq:candidate')
redis.call('SET', once, id)
local fields = {}
for i = 5, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', P .. 'candidate:' .. id, 'id', id, 'status', 'pending', unpack(fields))
redis.call('ZADD', P .. 'candidates:pending', id, id)
return id
`;

/** ARGV: prefix, status, by, at, then id, text ('' keeps it) pairs. Returns the ids it settled (pending ones only). */
const SETTLE = `
local P = ARGV[1]
local done = {}
for i = 5, #ARGV, 2 do
  local key = P .. 'candidate:' .. ARGV[i]
  if redis.call('HGET', key, 'status') == 'pending' then
    redis.call('HSET', key, 'status', ARGV[2], 'decided_by', ARGV[3], 'decided_at', ARGV[4])
    if ARGV[i + 1] ~= '' then redis.call('HSET', key, 'text', ARGV[i + 1]) end
    redis.call('ZREM', P .. 'candidates:pending', ARGV[i])
    done[#done + 1] = tonumber(ARGV[i])
  end
end
return done
`;

const FIELDS = [
  'id',
  'entry_id',
  'kind',
  'text',
  'channel',
  'thread_id',
  'mention_id',
  'agent',
  'created_at',
  'status',
  'decided_by',
  'decided_at',
];

function candidate(f: (string | null)[]): ExampleCandidate | undefined {
  const [id, entryId, kind, text, channel, threadId, mentionId, agent, at, status, by, decidedAt] = f;
  if (!id) return undefined;
  return {
    id: Number(id),
    entryId: entryId!,
    kind: kind as CandidateKind,
    text: text!,
    channel: channel!,
    threadId: threadId!,
    mentionId: Number(mentionId),
    agent: agent!,
    at: Number(at),
    status: status as CandidateStatus,
    ...(by ? { decidedBy: by } : {}),
    ...(decidedAt ? { decidedAt: Number(decidedAt) } : {}),
  };
}

/** Candidate examples on Redis: a record and its dedupe, and each settle, in one script. */
export function createRedisLearnedExamples(client: RedisClient, run: ReturnType<typeof scriptRunner>, prefix: string): LearnedExamples {
  const read = async (ids: readonly number[]) =>
    (await Promise.all(ids.map((id) => client.hmGet(`${prefix}candidate:${id}`, FIELDS)))).flatMap((f) => candidate(f) ?? []);
  return {
    async addCandidate(c) {
      const id = Number(
        await run(ADD, [
          prefix,
          c.mentionId,
          c.entryId,
          c.kind,
          ...['entry_id', c.entryId, 'kind', c.kind, 'text', c.text, 'channel', c.channel, 'thread_id', c.threadId],
          ...['mention_id', c.mentionId, 'agent', c.agent, 'created_at', c.at],
        ]),
      );
      return id > 0 ? { ...c, id, status: 'pending' } : undefined;
    },
    async pendingCandidates(limit) {
      return read((await client.zRange(`${prefix}candidates:pending`, 0, limit - 1)).map(Number));
    },
    async getCandidates(ids) {
      return read([...ids].sort((a, b) => a - b));
    },
    async settleCandidates(rows, status, by, at) {
      const settled = (await run(SETTLE, [prefix, status, by, at, ...rows.flatMap((r) => [r.id, r.text ?? ''])])) as number[];
      return settled.map(Number);
    },
  };
}
