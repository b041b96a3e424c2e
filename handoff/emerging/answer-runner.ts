import type { Role } from '../access/roles.js';
import { ANSWER_LEASE_MS, answerPage, type AnswerGroupDeps } from './answer-group.js';

/** Answered groups picked up per resume. */
const RESUMED = 20;
/** The editor answering a group, as its thread actions need them (who settled it). */
const EDITOR_ROLES: Role[] = ['agent', 'editor'];

export interface AnswerRunner {
  /** Answers the rest of an answered group's threads in the background, a page at a time (once per group at a time here). */
  continueGroup(id: string): void;
  /** Picks up answered groups with threads still to answer (after a restart, or an instance that stopped). */
  resume(): Promise<void>;
  /** Resolves once no group is being answered here. */
  idle(): Promise<void>;
  /** Stops after the pages under way; resolves once they are done. */
  stop(): Promise<void>;
}

/**
 * The answering of emerging groups past a request's first page: each group's pages one after the
 * other, off the request, yielding to the event loop between pages. Started again on start-up and
 * every lease, so threads an instance took and never finished (it stopped) are answered by another.
 */
export function createAnswerRunner(
  deps: AnswerGroupDeps & { onPage(id: string, actor: string): void; onError(err: unknown): void },
): AnswerRunner {
  const running = new Map<string, Promise<void>>();
  let stopped = false;
  const answerRest = async (id: string) => {
    const g = await deps.groups.getGroup(id);
    if (g?.status !== 'answered' || !g.entryId || !g.decidedBy) return;
    const user = { name: g.decidedBy, roles: EDITOR_ROLES };
    while (!stopped) {
      const page = await answerPage(deps, id, g.entryId, user);
      if (page.taken === 0) return;
      deps.onPage(id, user.name);
      await new Promise((r) => setImmediate(r));
    }
  };
  const continueGroup = (id: string) => {
    if (stopped || running.has(id)) return;
    running.set(
      id,
      answerRest(id)
        .catch(deps.onError)
        .finally(() => running.delete(id)),
    );
  };
  const resume = async () => {
    for (const id of await deps.groups.unfinishedAnswers(RESUMED)) continueGroup(id);
  };
  const timer = setInterval(() => void resume().catch(deps.onError), ANSWER_LEASE_MS);
  timer.unref();
  return {
    continueGroup,
    resume,
    async idle() {
      while (running.size > 0) await Promise.all(running.values());
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all(running.values());
    },
  };
}
