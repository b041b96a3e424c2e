import type { ThreadState } from '../bot/store/store.js';

export type { ThreadState };

/** What people (and the system) do to a thread's ownership. */
export type ThreadAction = 'claim' | 'release' | 'idle_release' | 'hand_back' | 'resolve' | 'close' | 'reassign';

export interface TransitionRule {
  from: readonly ThreadState[];
  to: ThreadState;
  /** Only the person who owns the thread (state agent) may do it; an admin may always. */
  ownerOnly: boolean;
}

/**
 * The ownership state machine (handoff/README.md draws it). Each transition is one atomic
 * compare-and-set in the store: the thread must be in `from` (and owned by the actor when
 * `ownerOnly`), else the action is refused with the thread as it is now.
 */
export const TRANSITIONS: Record<ThreadAction, TransitionRule> = {
  // A person takes a handed-off thread, or one the bot still holds (they saw it going wrong).
  claim: { from: ['waiting', 'bot', 'resolved', 'closed'], to: 'agent', ownerOnly: false },
  release: { from: ['agent'], to: 'waiting', ownerOnly: true },
  // A claim nobody worked on for the configured time goes back to the queue.
  idle_release: { from: ['agent'], to: 'waiting', ownerOnly: false },
  hand_back: { from: ['agent', 'waiting', 'resolved'], to: 'bot', ownerOnly: true },
  resolve: { from: ['agent'], to: 'resolved', ownerOnly: true },
  close: { from: ['resolved', 'agent'], to: 'closed', ownerOnly: true },
  reassign: { from: ['agent', 'waiting'], to: 'agent', ownerOnly: true },
};

export const OPEN_STATES: readonly ThreadState[] = ['waiting', 'agent'];
