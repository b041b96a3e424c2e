/**
 * Who answers in a thread. bot: the bot may reply. waiting: handed off, no person yet. agent: a
 * person owns it (the bot is silent). resolved: a person (or the brand natively) finished; a new
 * customer mention there goes back to people (CUSTOMER_REPLIED). closed: done for good; a new mention
 * is the bot's again. Every state and transition is here; both backends (sqlite-*.ts, the
 * redis-*-scripts.ts Lua) apply them atomically.
 */
export type ThreadState = 'bot' | 'waiting' | 'agent' | 'resolved' | 'closed';

/** States in which the bot may answer a new mention. */
export const BOT_MAY_ANSWER: readonly ThreadState[] = ['bot', 'closed'];

/**
 * Customer replied, applied by the turn commit (sqlite-turn-thread.ts, redis-lifecycle-scripts.ts): a
 * customer mention in a thread a person owns (agent), or waiting after a person already replied,
 * sets `customer_replied_at` (kept: the first unanswered follow-up) and `unread_at`; in a resolved
 * thread it also sends the thread back to its person (agent, same assignee) or to waiting when none
 * (or only the platform) had it, with the event `customer_replied`. The bot stays quiet in all of
 * them but still understands the mention, so the queue's priority follows it. A person's reply (in
 * the console or natively) clears both and records `human_next_response`; handing back, resolving or
 * closing clears them too (the API asks the person to confirm first).
 */
export const CUSTOMER_REPLIED_STATES: readonly ThreadState[] = ['agent', 'waiting', 'resolved'];

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
  // Any open thread, and one the bot holds (a native reply kept open, a thread nobody needs): the
  // owner guard applies only to a thread a person owns.
  resolve: { from: ['agent', 'waiting', 'bot'], to: 'resolved', ownerOnly: true },
  close: { from: ['resolved', 'agent', 'waiting', 'bot'], to: 'closed', ownerOnly: true },
  reassign: { from: ['agent', 'waiting'], to: 'agent', ownerOnly: true },
};

export const OPEN_STATES: readonly ThreadState[] = ['waiting', 'agent'];
