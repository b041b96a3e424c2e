/** A thread a tag is on. */
export interface TaggedThread {
  channel: string;
  threadId: string;
}

/** Agents' tags on threads (billing, vip...), on both backends (sqlite-thread-tags.ts, redis-thread-tags.ts). */
export interface ThreadTagStore {
  /**
   * Adds (or removes) a tag on a thread and records the `tag` (`untag`) event, atomically; `changed`
   * false when it was already so (nothing recorded). `tags`: the thread's tags now, sorted.
   */
  tagThread(
    request: TaggedThread & { tag: string; add: boolean; actor: string; now: number },
  ): Promise<{ changed: boolean; tags: string[] }>;
  /** The tags of each thread asked for, sorted ("<channel>\n<thread id>" -> tags; threads without tags absent). */
  threadTags(threads: readonly TaggedThread[]): Promise<Map<string, string[]>>;
}

/** The key of a thread in threadTags' answer. */
export const taggedKey = (t: TaggedThread) => `${t.channel}\n${t.threadId}`;
