import type { HandoffEvent, HandoffEvents } from '../store/handoff-events.js';
import type { ThreadState } from '../store/thread-state.js';
import { threadKey } from './thread-key.js';

export interface ActivityRef {
  channel: string;
  threadId: string;
}

export interface LiveActivity {
  /**
   * A thread's conversation moved on (ACTIVITY_TYPES): published on the next turn of the event loop,
   * not within the commit or the send that caused it, once per thread and type however many came.
   */
  add(ref: ActivityRef, type: string, actor: string, state?: ThreadState | null): void;
  /** Publishes what is pending now (on stop, and for tests). */
  flush(): Promise<void>;
}

/**
 * The thread activity the consoles follow live: a mention committed, the bot's replies queued, sent
 * or failing. Intake and the outbox only note it; the events go out together after their step, so a
 * busy inbox pays no round trip per mention, and a thread answered in three parts is one event.
 */
export function createLiveActivity(opts: { events: HandoffEvents; now: () => number; onError: (err: unknown) => void }): LiveActivity {
  let pending = new Map<string, HandoffEvent>();
  let scheduled: NodeJS.Immediate | null = null;

  const flush = async () => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = null;
    const batch = [...pending.values()];
    pending = new Map();
    // Published together: on Redis the client pipelines them into one write.
    await Promise.all(batch.map((event) => opts.events.publish(event).catch(opts.onError)));
  };

  return {
    add(ref, type, actor, state = null) {
      const key = threadKey(ref.channel, ref.threadId);
      pending.set(`${type}\n${key}`, {
        key,
        channel: ref.channel,
        threadId: ref.threadId,
        type,
        state,
        assignee: null,
        actor,
        at: opts.now(),
      });
      scheduled ??= setImmediate(() => void flush());
    },
    flush,
  };
}
