import type { TaggedThread } from './thread-tags.js';

/** A team of agents with its own queue; its webhook (Slack or Teams) hears of the handoffs routed to it. */
export interface Team {
  name: string;
  /** User names, sorted. */
  members: string[];
  webhook: { url: string; format: 'slack' | 'teams' } | null;
}

/** A handoff as the routing editor's dry run replays it: what rules look at, kept from the moment it happened. */
export interface HandoffSample {
  at: number;
  channel: string;
  threadId: string;
  /** The customer's words, cut as the queue lists them. */
  text: string;
  decision: Record<string, unknown> | null;
  customerTags: string[];
  /** Names of the rules that matched then. */
  matched: string[];
}

/** Teams, each thread's team, and the recent handoffs (both backends: sqlite-teams.ts, redis-teams.ts). */
export interface TeamStore {
  listTeams(): Promise<Team[]>;
  /** Creates or replaces a team. */
  saveTeam(team: Team): Promise<void>;
  /** False when there was no such team; its threads keep their team name until routed again. */
  deleteTeam(name: string): Promise<boolean>;
  /** Puts a thread in a team's queue (null: in none) and records the `route` event, atomically; false when it was so already. */
  setThreadTeam(request: TaggedThread & { team: string | null; actor: string; now: number }): Promise<boolean>;
  /** The team of each thread asked for ("<channel>\n<thread id>" -> team; threads in no team absent). */
  threadTeams(threads: readonly TaggedThread[]): Promise<Map<string, string>>;
  /**
   * Records the priority a routing rule set on a thread (null: none), which the queue ranks it by;
   * false when it was so already.
   */
  setRoutedPriority(request: TaggedThread & { priority: 'urgent' | 'high' | 'normal' | 'low' | null; now: number }): Promise<boolean>;
  /**
   * Auto-assignment's round robin, atomic across instances: of `candidates`, the first name after the
   * team's last pick (in name order, wrapping round), which becomes the last pick; undefined when none.
   */
  nextInRotation(team: string, candidates: readonly string[]): Promise<string | undefined>;
  /** Keeps a handoff for the dry run; only the newest `keep` are kept. */
  recordHandoffSample(sample: HandoffSample, keep: number): Promise<void>;
  /** The newest first. */
  recentHandoffSamples(limit: number): Promise<HandoffSample[]>;
}
