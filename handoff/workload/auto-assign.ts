import type { HandoffStore, HandoffThread, ListedThread, Team } from '../../store/handoff-store.js';
import { taggedKey } from '../../store/handoff-store.js';

export interface ThreadRef {
  channel: string;
  threadId: string;
}

export interface AutoAssignDeps {
  handoff: Pick<HandoffStore, 'getThread' | 'listTeams' | 'threadTeams' | 'nextInRotation' | 'transition'>;
  /** The teams whose queue is assigned ("*": every team); empty: auto-assignment is off. */
  teams: readonly string[];
  isAgent: (name: string) => Promise<boolean>;
  /** Whether the person has a live session (signed in, not signed out, not expired). */
  signedIn: (name: string) => Promise<boolean>;
  /** The person's workload cap (undefined: none). */
  claimCap: (name: string) => Promise<number | undefined>;
  /** Tells the consoles (the thread leaves the queue for its new owner). */
  announce: (ref: ThreadRef, thread: HandoffThread) => Promise<void>;
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
  now: () => number;
}

export const AUTO_ASSIGN_ACTOR = 'auto-assign';

/**
 * Auto-assignment of team queues, round robin among the team's agents who are signed in and under
 * their cap. The team's last pick is kept in the store (nextInRotation), so the turn goes on across
 * restarts and is shared by every instance; each assignment is the store's compare-and-set from
 * waiting with the cap checked in the same step, so two instances never give one thread twice nor
 * an agent more than the cap.
 */
export function createAutoAssign(deps: AutoAssignDeps) {
  const on = deps.teams.length > 0;
  const enabled = (team: string) => deps.teams.includes('*') || deps.teams.includes(team);

  // Who gave each thread back (this instance's releases): it goes to someone else while anyone else can take it.
  const returnedBy = new Map<string, string>();

  /** The team's members who may receive now (the cap is checked at the assignment itself). */
  const available = async (team: Team, exclude?: string) => {
    const names: string[] = [];
    for (const name of team.members) {
      if (name === exclude) continue;
      if ((await deps.isAgent(name)) && (await deps.signedIn(name))) names.push(name);
    }
    return names;
  };

  /** Gives one waiting thread to the next of `candidates` under their cap; those found at their cap leave `candidates`. */
  const giveOne = async (team: string, ref: ThreadRef, candidates: string[]): Promise<boolean> => {
    // A listing may be a moment old, and another instance may be at it: a thread no longer waiting
    // costs nobody their turn.
    if ((await deps.handoff.getThread(ref.channel, ref.threadId))?.state !== 'waiting') {
      returnedBy.delete(taggedKey(ref));
      return false;
    }
    while (candidates.length > 0) {
      const pick = await deps.handoff.nextInRotation(team, candidates);
      if (pick === undefined) return false;
      const cap = await deps.claimCap(pick);
      const result = await deps.handoff.transition({
        ...ref,
        from: ['waiting'],
        to: 'agent',
        assignee: pick,
        ...(cap !== undefined ? { claimCap: cap } : {}),
        event: { type: 'assign', actor: AUTO_ASSIGN_ACTOR, data: { to: pick, team } },
        now: deps.now(),
      });
      if (result.ok) {
        returnedBy.delete(taggedKey(ref));
        deps.log.info({ channel: ref.channel, team, to: pick }, 'auto-assigned a thread');
        await deps.announce(ref, result.thread);
        return true;
      }
      if (!result.overCap) return false;
      candidates.splice(candidates.indexOf(pick), 1);
    }
    return false;
  };

  const teamsByName = async () => new Map((await deps.handoff.listTeams()).map((t) => [t.name, t]));

  return {
    enabled: on,
    /** One thread just put in a team's queue, or handed back to it by `exclude` (it goes to the next person). */
    async assign(ref: ThreadRef, exclude?: string): Promise<boolean> {
      if (!on) return false;
      const teamName = (await deps.handoff.threadTeams([ref])).get(taggedKey(ref));
      const team = teamName && enabled(teamName) ? (await teamsByName()).get(teamName) : undefined;
      if (!team) return false;
      if (exclude) returnedBy.set(taggedKey(ref), exclude);
      return giveOne(team.name, ref, await available(team, exclude));
    },
    /**
     * The waiting threads of auto-assigned teams, in the order given (the queue's), each to the next
     * agent; a team's round stops when none of its agents can take more. Returns how many were assigned.
     */
    async sweep(open: readonly ListedThread[]): Promise<number> {
      if (!on) return 0;
      const waiting = open.map((l) => l.thread).filter((t) => t.state === 'waiting');
      if (waiting.length === 0) return 0;
      const threadTeams = await deps.handoff.threadTeams(waiting);
      const teams = await teamsByName();
      const candidates = new Map<string, string[]>();
      let assigned = 0;
      for (const thread of waiting) {
        const name = threadTeams.get(taggedKey(thread));
        const team = name && enabled(name) ? teams.get(name) : undefined;
        if (!team) continue;
        if (!candidates.has(team.name)) candidates.set(team.name, await available(team));
        const all = candidates.get(team.name)!;
        const from = returnedBy.get(taggedKey(thread));
        const left = from ? all.filter((name) => name !== from) : all;
        if (left.length > 0 && (await giveOne(team.name, thread, left))) assigned++;
        // Those found at their cap leave the team's round.
        if (left !== all)
          candidates.set(
            team.name,
            all.filter((name) => name === from || left.includes(name)),
          );
      }
      return assigned;
    },
  };
}

export type AutoAssign = ReturnType<typeof createAutoAssign>;
