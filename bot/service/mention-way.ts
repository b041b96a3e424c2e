import type { OutgoingReply, StoredMention } from '../../store/mention.js';
import type { ReplyFailure, TurnOutcome } from '../../store/store.js';

export interface Decided {
  mention: StoredMention;
  outcome: TurnOutcome;
}

/** One named step: the plugin that takes it announces it; the plugins that act on it listen. */
export interface Step<A extends unknown[]> {
  on(listener: (...args: A) => void): void;
  /** Tells every listener; a listener that throws is the listener's bug, not the step's. */
  taken(...args: A): void;
}

function step<A extends unknown[]>(): Step<A> {
  const listeners: ((...args: A) => void)[] = [];
  return {
    on: (listener) => void listeners.push(listener),
    taken: (...args) => {
      for (const listener of listeners) listener(...args);
    },
  };
}

/**
 * A mention's way through the service, in order. Each plugin announces the steps it takes and acts
 * on the ones before it:
 *
 * 1. `stored`: a channel handed a mention in and it is in the inbox (intake) → the turn worker drains it (drains).
 * 2. `decided`: turns' decisions are committed with their replies (drains) → the consoles are told (handoff).
 * 3. `replyQueued`: replies wait in the outbox, from a turn (drains) or a person (handoff) → the sender sends (drains).
 * 4. `replyFailed`: a reply was given up for good (drains) → the consoles and the team are told (handoff).
 * 5. `replySent`, `replyRetry`: replies the platform took, a send to be retried (drains) → the consoles are told (handoff).
 */
export interface MentionWay {
  stored: Step<[channel: string]>;
  decided: Step<[decided: Decided[]]>;
  replyQueued: Step<[]>;
  replyFailed: Step<[reply: OutgoingReply, failure: ReplyFailure, reason: string]>;
  replySent: Step<[replies: OutgoingReply[]]>;
  replyRetry: Step<[reply: OutgoingReply, reason: string]>;
}

export const createMentionWay = (): MentionWay => ({
  stored: step(),
  decided: step(),
  replyQueued: step(),
  replyFailed: step(),
  replySent: step(),
  replyRetry: step(),
});
