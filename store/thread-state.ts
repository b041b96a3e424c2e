/**
 * Who answers in a thread. bot: the bot may reply. waiting: handed off, no person yet. agent: a
 * person owns it (the bot is silent). resolved, closed: a person finished; a new mention there is the
 * bot's again. Every state and transition is here; both backends (sqlite-*.ts, the redis-*-scripts.ts
 * Lua) apply them atomically.
 */
export type ThreadState = 'bot' | 'waiting' | 'agent' | 'resolved' | 'closed';

/** States in which the bot may answer a new mention. */
export const BOT_MAY_ANSWER: readonly ThreadState[] = ['bot', 'resolved', 'closed'];

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
