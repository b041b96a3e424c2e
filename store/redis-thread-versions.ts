import type { HandoffStore, ListedThread } from './handoff-store.js';
import { fromPairs, toDecision, toHandoffThread, toMention } from './redis-rows.js';
import type { scriptRunner } from './redis-script-runner.js';
import { LIST_THREADS } from './redis-handoff-scripts.js';
import { COMMON } from './redis-scripts-common.js';
import { LISTED_TEXT_CHARS, listedHead } from './step-budget.js';

const ALL_STATES = ['bot', 'waiting', 'agent', 'resolved', 'closed'];
// The script cuts long texts by bytes (more than LISTED_TEXT_CHARS characters); cut here as SQLite's text_head is.
const HEAD_BYTES = LISTED_TEXT_CHARS * 4 + 4;

/**
 * ARGV: prefix. Returns {member, version} pairs flat, for every thread of the open index in state
 * waiting or agent: the version is the row's fields and the latest mention's id and status (not
 * ignored), joined as the SQLite store joins its columns. No texts, no decisions: a short string each.
 */
export const OPEN_THREAD_VERSIONS = `${COMMON}
local out = {}
for _, member in ipairs(redis.call('ZRANGE', P .. 'threads:open', 0, -1)) do
  local f = redis.call('HMGET', P .. 'thread:' .. member, 'state', 'assignee', 'updated_at', 'handoff_at', 'claimed_at',
    'first_human_reply_at', 'last_agent_activity_at', 'reply_failure', 'reply_failed_at', 'customer_replied_at', 'unread_at')
  if f[1] == 'waiting' or f[1] == 'agent' then
    for i = 1, 11 do f[i] = orEmpty(f[i]) end
    local ids = redis.call('LRANGE', P .. 'thread-mentions:' .. member, 0, -1)
    local latest = ''
    for i = #ids, 1, -1 do
      local status = redis.call('HGET', P .. 'mention:' .. ids[i], 'status')
      if status ~= 'ignored' then
        latest = ids[i] .. '|' .. orEmpty(status)
        break
      end
    end
    out[#out + 1] = member
    out[#out + 1] = table.concat(f, '|') .. '|' .. latest
  end
end
return out
`;

/** The queue's change check on Redis: one script over the open threads' index, a short version each; whole rows for the changed. */
export function createRedisThreadVersions(
  run: ReturnType<typeof scriptRunner>,
  prefix: string,
): Pick<HandoffStore, 'listOpenThreadVersions' | 'listThreadsOf'> {
  return {
    async listOpenThreadVersions() {
      const flat = (await run(OPEN_THREAD_VERSIONS, [prefix])) as string[];
      const versions = [];
      for (let i = 0; i < flat.length; i += 2) {
        // Members are "<channel>:<thread id>" (channel names hold no ':').
        const member = flat[i]!;
        const at = member.indexOf(':');
        versions.push({ channel: member.slice(0, at), threadId: member.slice(at + 1), version: flat[i + 1]! });
      }
      return versions;
    },
    async listThreadsOf(refs) {
      // Without members the script would list every open thread.
      if (refs.length === 0) return [];
      const members = refs.map((r) => `${r.channel}:${r.threadId}`);
      const rows = (await run(LIST_THREADS, [prefix, '1', HEAD_BYTES, ALL_STATES.length, ...ALL_STATES, ...members])) as [
        unknown,
        unknown,
      ][];
      return rows.map(([thread, latest]): ListedThread => {
        const mention = fromPairs(latest);
        if (mention.text !== undefined) mention.text = listedHead(mention.text) ?? mention.text;
        return {
          thread: toHandoffThread(fromPairs(thread)),
          latest: mention.id ? { ...toMention(mention), decision: toDecision(mention) } : undefined,
        };
      });
    },
  };
}
