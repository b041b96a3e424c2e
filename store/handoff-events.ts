import { EventEmitter } from 'node:events';
import type { ThreadState } from './thread-state.js';

/** Something happened to a thread: the console refreshes its queue or thread view. */
export interface HandoffEvent {
  key: string;
  channel: string;
  threadId: string;
  /** handoff, claim, release, idle_release, hand_back, resolve, close, reassign, agent_reply, mention, human_reply_on_platform... */
  type: string;
  state: ThreadState | null;
  assignee: string | null;
  actor: string;
  at: number;
}

/**
 * The bus behind the live console. In-process on one machine; on Redis, pub/sub reaches the
 * consoles connected to every instance (redis-handoff-events.ts).
 */
export interface HandoffEvents {
  publish(event: HandoffEvent): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: HandoffEvent) => void): () => void;
  /**
   * A user's sessions or tokens may have ended (sign-out, password or role change, removal, a revoked
   * token): every instance's live streams of that user check their credentials again.
   */
  publishAccessChange(user: string): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribeAccessChanges(listener: (user: string) => void): () => void;
  close(): Promise<void>;
}

export function createLocalHandoffEvents(): HandoffEvents {
  const emitter = new EventEmitter();
  // Every open console is a listener: many agents are normal, not a leak.
  emitter.setMaxListeners(0);
  return {
    async publish(event) {
      emitter.emit('event', event);
    },
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    async publishAccessChange(user) {
      emitter.emit('access', user);
    },
    subscribeAccessChanges(listener) {
      emitter.on('access', listener);
      return () => emitter.off('access', listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
