import type { Settings } from '../../config/settings.js';
import type { HandoffStore, HandoffThread } from '../../store/handoff-store.js';
import type { UserDirectory } from '../access/user-directory.js';
import { AUTO_ASSIGN_ACTOR, createAutoAssign, type ThreadRef } from './auto-assign.js';

export interface WorkloadDeps {
  settings: Pick<Settings, 'AGENT_CLAIM_CAP' | 'AUTO_ASSIGN_TEAMS'>;
  users: Pick<UserDirectory, 'claimCap'>;
  handoff: HandoffStore;
  isAgent: (name: string) => Promise<boolean>;
  signedIn: (name: string) => Promise<boolean>;
  /** Tells the consoles about a thread event. */
  announce: (ref: ThreadRef, type: string, actor: string, thread: HandoffThread) => Promise<void>;
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
  now: () => number;
}

/**
 * Workload balance: each agent's cap of claimed threads (their own, set by an admin, else the
 * service's AGENT_CLAIM_CAP; 0 is none) and the auto-assignment of the AUTO_ASSIGN_TEAMS queues.
 */
export function createWorkload(deps: WorkloadDeps) {
  const claimCap = async (name: string) => (await deps.users.claimCap(name)) ?? (deps.settings.AGENT_CLAIM_CAP || undefined);
  const autoAssign = createAutoAssign({
    handoff: deps.handoff,
    teams: deps.settings.AUTO_ASSIGN_TEAMS,
    isAgent: deps.isAgent,
    signedIn: deps.signedIn,
    claimCap,
    announce: (ref, thread) => deps.announce(ref, 'assign', AUTO_ASSIGN_ACTOR, thread),
    log: deps.log,
    now: deps.now,
  });
  const failed = (err: unknown) => deps.log.error({ err }, 'auto-assignment failed; the next tick tries again');
  return {
    claimCap,
    autoAssign,
    /** A thread a person gave back to the queue goes to the next agent of its team (never throws). */
    returned(ref: ThreadRef, from: string) {
      void autoAssign.assign(ref, from).catch(failed);
    },
    /** A handoff just routed: to the next agent of its team (never throws). */
    routed(ref: ThreadRef): Promise<void> {
      return autoAssign.assign(ref).then(() => undefined, failed);
    },
  };
}
