import { COMMON } from './redis-scripts-common.js';
import { eventJson } from './redis-rows.js';
import type { RedisClient, scriptRunner } from './redis-script-runner.js';
import { taggedKey, type ThreadTagStore } from './thread-tags.js';

/**
 * ARGV: prefix, channel, thread id, tag, add (1/0), event JSON. Key: P thread-tags:<channel>:<thread id>,
 * a set. Returns {changed, tags}; the event is recorded only on a change.
 */
const TAG_THREAD = `${COMMON}
local key = P .. 'thread-tags:' .. ARGV[2] .. ':' .. ARGV[3]
local changed = ARGV[5] == '1' and redis.call('SADD', key, ARGV[4]) or redis.call('SREM', key, ARGV[4])
if changed == 1 then pushEvent(ARGV[2], ARGV[3], ARGV[6]) end
return {changed, redis.call('SMEMBERS', key)}
`;

/** Sorted by their UTF-8 bytes, as SQLite's ORDER BY. */
const sorted = (tags: string[]) => tags.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

/** Agents' tags on threads, one set per thread; a change and its thread event in one script. */
export function createRedisThreadTags(client: RedisClient, run: ReturnType<typeof scriptRunner>, prefix: string): ThreadTagStore {
  return {
    async tagThread(r) {
      const event = eventJson(r.add ? 'tag' : 'untag', r.actor, r.now, { tag: r.tag });
      const [changed, tags] = (await run(TAG_THREAD, [prefix, r.channel, r.threadId, r.tag, r.add ? '1' : '0', event])) as [
        number,
        string[],
      ];
      return { changed: Number(changed) === 1, tags: sorted(tags) };
    },
    async threadTags(threads) {
      const sets = await Promise.all(threads.map((t) => client.sMembers(`${prefix}thread-tags:${t.channel}:${t.threadId}`)));
      const tags = new Map<string, string[]>();
      threads.forEach((t, i) => {
        if (sets[i]!.length > 0) tags.set(taggedKey(t), sorted(sets[i]!));
      });
      return tags;
    },
  };
}
