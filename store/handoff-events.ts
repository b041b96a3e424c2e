import { EventEmitter } from 'node:events';
import { OPEN_STATES, type ThreadState } from './thread-state.js';

/** Something happened to a thread: the console refreshes its queue or thread view. */
export interface HandoffEvent {
  key: string;
  channel: string;
  threadId: string;
  /**
   * handoff, claim, release, idle_release, hand_back, resolve, close, reassign, agent_reply,
   * human_reply_on_platform, reply_failed (given up), and the thread's activity (ACTIVITY_TYPES):
   * mention, reply_queued, reply_sent, reply_retry...
   */
  type: string;
  /** The thread's state after the event; null when the event leaves the state as it was and did not read it. */
  state: ThreadState | null;
  assignee: string | null;
  actor: string;
  at: number;
}

/**
 * Events of a thread's conversation that change no ownership: a customer's mention committed, the
 * bot's replies queued at the turn's commit, a reply sent, a send failed and to be retried (its
 * reason is on the reply). The open thread shows them; the queue changes only for a mention in an
 * open thread (a person's or waiting).
 */
export const ACTIVITY_TYPES: ReadonlySet<string> = new Set(['mention', 'reply_queued', 'reply_sent', 'reply_retry']);

/** Whether the queue of open threads may look different after this event (so its listing is made afresh). */
export function changesQueue(event: Pick<HandoffEvent, 'type' | 'state'>): boolean {
  // An emerging incident raised or settled (key emerging:<id>): the consoles redraw its banner, not the queue.
  if (event.type === 'emerging') return false;
  if (!ACTIVITY_TYPES.has(event.type)) return true;
  return event.type === 'mention' && event.state !== null && OPEN_STATES.includes(event.state);
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
