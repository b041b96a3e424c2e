import type { HandoffStore, ListedThread } from './handoff-store.js';
import { fromPairs, toDecision, toHandoffThread, toMention } from './redis-rows.js';
import type { scriptRunner } from './redis-script-runner.js';
import { LIST_THREADS } from './redis-handoff-scripts.js';
import { LISTED_TEXT_CHARS, listedHead } from './step-budget.js';
import { OPEN_STATES } from './thread-state.js';

const ALL_STATES = ['bot', 'waiting', 'agent', 'resolved', 'closed'];
// The script cuts long texts by bytes (more than LISTED_TEXT_CHARS characters); cut here as SQLite's text_head is.
const HEAD_BYTES = LISTED_TEXT_CHARS * 4 + 4;

/** The queue's change check on Redis: one script over the open threads' index, latest mention ids only; whole rows for the changed. */
export function createRedisThreadVersions(
  run: ReturnType<typeof scriptRunner>,
  prefix: string,
): Pick<HandoffStore, 'listOpenThreadVersions' | 'listThreadsOf'> {
  return {
    async listOpenThreadVersions() {
      const rows = (await run(LIST_THREADS, [prefix, '2', HEAD_BYTES, OPEN_STATES.length, ...OPEN_STATES])) as [unknown, unknown][];
      return rows.map(([thread, latest]) => {
        const mention = fromPairs(latest);
        return {
          thread: toHandoffThread(fromPairs(thread)),
          latest: mention.id ? { id: Number(mention.id), status: mention.status ?? '' } : undefined,
        };
      });
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
