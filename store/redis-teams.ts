import { COMMON } from './redis-scripts-common.js';
import { eventJson } from './redis-rows.js';
import type { RedisClient, scriptRunner } from './redis-script-runner.js';
import type { HandoffSample, Team, TeamStore } from './team-store.js';
import { taggedKey } from './thread-tags.js';

/**
 * ARGV: prefix, channel, thread id, team ('' for none), event JSON without its data, the data's JSON
 * is built here from the team before. Key: P thread-teams, a hash "<channel>:<thread id>" -> team.
 * Returns 1 when the team changed (and the event was recorded), 0 when it was so already.
 */
const SET_THREAD_TEAM = `${COMMON}
local field = ARGV[2] .. ':' .. ARGV[3]
local before = redis.call('HGET', P .. 'thread-teams', field)
if (before or '') == ARGV[4] then return 0 end
if ARGV[4] == '' then redis.call('HDEL', P .. 'thread-teams', field) else redis.call('HSET', P .. 'thread-teams', field, ARGV[4]) end
local event = cjson.decode(ARGV[5])
event.data = { team = ARGV[4] ~= '' and ARGV[4] or cjson.null, from = before or cjson.null }
pushEvent(ARGV[2], ARGV[3], cjson.encode(event))
return 1
`;

/**
 * ARGV: prefix, channel, thread id, priority ('' for none), now. Sets the thread's routed priority
 * (and its updated time, so the queue's listing sees the change), and forgets its place in the queue
 * index to be ranked again; 1 when it changed.
 */
const SET_ROUTED_PRIORITY = `${COMMON}
local thread = threadKey(ARGV[2], ARGV[3])
if redis.call('EXISTS', thread) == 0 or orEmpty(redis.call('HGET', thread, 'routed_priority')) == ARGV[4] then return 0 end
redis.call('HSET', thread, 'routed_priority', ARGV[4], 'updated_at', ARGV[5])
-- The queue ranks by the rule's priority: the thread is placed again.
unrank(ARGV[2], ARGV[3])
requeue(ARGV[2], ARGV[3])
return 1
`;

/**
 * ARGV: prefix, team, candidates... (sorted by name, distinct). Key: P team-rotation, a hash team ->
 * last pick. The first candidate after the last pick (wrapping round) becomes the last pick; returns it.
 */
const NEXT_IN_ROTATION = `${COMMON}
local last = redis.call('HGET', P .. 'team-rotation', ARGV[2])
local pick = ARGV[3]
if last then
  for i = 3, #ARGV do
    if ARGV[i] > last then
      pick = ARGV[i]
      break
    end
  end
end
redis.call('HSET', P .. 'team-rotation', ARGV[2], pick)
return pick
`;

/** Keys: P teams (hash name -> team JSON), P thread-teams (hash), P handoff-samples (list, newest first). */
export function createRedisTeams(client: RedisClient, run: ReturnType<typeof scriptRunner>, prefix: string): TeamStore {
  const TEAMS = `${prefix}teams`;
  const SAMPLES = `${prefix}handoff-samples`;
  const field = (t: { channel: string; threadId: string }) => `${t.channel}:${t.threadId}`;
  return {
    async listTeams() {
      const all = await client.hGetAll(TEAMS);
      return Object.values(all)
        .map((json) => JSON.parse(json) as Team)
        .sort((a, b) => (a.name < b.name ? -1 : 1));
    },
    async saveTeam(team) {
      await client.hSet(TEAMS, team.name, JSON.stringify({ ...team, members: [...new Set(team.members)].sort() }));
    },
    async deleteTeam(name) {
      return (await client.hDel(TEAMS, name)) === 1;
    },
    async setThreadTeam(r) {
      const event = eventJson('route', r.actor, r.now);
      return Number(await run(SET_THREAD_TEAM, [prefix, r.channel, r.threadId, r.team ?? '', event])) === 1;
    },
    async threadTeams(threads) {
      const teams = new Map<string, string>();
      if (threads.length === 0) return teams;
      const values = await client.hmGet(`${prefix}thread-teams`, threads.map(field));
      threads.forEach((t, i) => {
        const team = values[i];
        if (team) teams.set(taggedKey(t), team);
      });
      return teams;
    },
    async setRoutedPriority(r) {
      return Number(await run(SET_ROUTED_PRIORITY, [prefix, r.channel, r.threadId, r.priority ?? '', r.now])) === 1;
    },
    async nextInRotation(team, candidates) {
      const sorted = [...new Set(candidates)].sort();
      if (sorted.length === 0) return undefined;
      return String(await run(NEXT_IN_ROTATION, [prefix, team, ...sorted]));
    },
    async recordHandoffSample(sample, keep) {
      await client
        .multi()
        .lPush(SAMPLES, JSON.stringify(sample))
        .lTrim(SAMPLES, 0, keep - 1)
        .exec();
    },
    async recentHandoffSamples(limit) {
      return (await client.lRange(SAMPLES, 0, limit - 1)).map((s) => JSON.parse(s) as HandoffSample);
    },
  };
}
