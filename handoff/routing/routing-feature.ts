import type { Moderation } from '../moderation/hide-comment.js';
import type { FastifyInstance } from 'fastify';
import { createLiveRouting } from '../../config/routing/live-routing.js';
import type { HandoffStore, Team } from '../../store/handoff-store.js';
import type { StoredMention } from '../../store/mention.js';
import type { TurnOutcome } from '../../store/store.js';
import type { BusinessHours } from '../hours/business-hours.js';
import type { TeamEvent } from '../notify/team-events.js';
import { createTeamNotifier } from '../notify/team-webhook.js';
import { routeMention } from './apply-routing.js';
import { compileRules } from './compile-rules.js';
import { routingRoutes } from './routing-routes.js';
import { teamRoutes } from './team-routes.js';

export interface RoutingFeatureDeps {
  app: FastifyInstance;
  file: string;
  handoff: HandoffStore;
  hours: BusinessHours;
  isAgent: (name: string) => Promise<boolean>;
  /** An agent's workload cap (undefined: none): a rule's assign past it leaves the thread in the queue. */
  claimCap?: (name: string) => Promise<number | undefined>;
  /** After a handoff is routed (auto-assignment of its team's queue). */
  afterHandoff?: (ref: { channel: string; threadId: string }) => Promise<void>;
  /** What a rule's `hide` does (handoff/moderation/). */
  moderation?: Pick<Moderation, 'setHidden'>;
  consoleUrl?: string;
  now: () => number;
}

/**
 * Teams and routing rules: the live rules (the file, watched), their routes and the teams', and the
 * routing of each committed handoff and of each customer mention in a thread people hold.
 */
export async function registerRouting(deps: RoutingFeatureDeps) {
  const log = deps.app.log.child({ component: 'routing' });
  const live = await createLiveRouting(deps.file);
  let rules = compileRules(live.current());
  live.onLive(() => {
    rules = compileRules(live.current());
  });
  live.watch((result) => {
    if (result.ok) log.info({ version: result.status.version, rules: result.status.rules }, 'routing rules reloaded');
    else log.warn({ problems: result.error.problems }, 'routing file refused: the previous rules stay live');
  });
  await deps.app.register(routingRoutes, { routing: live, samples: deps.handoff, hours: deps.hours });
  await deps.app.register(teamRoutes, { handoff: deps.handoff, now: deps.now });

  const routingDeps = {
    handoff: deps.handoff,
    rules: () => rules,
    hours: deps.hours,
    isAgent: deps.isAgent,
    ...(deps.claimCap ? { claimCap: deps.claimCap } : {}),
    ...(deps.moderation ? { moderation: deps.moderation } : {}),
    // Each team's own webhook; the URL is a secret and never logged (the notifier's rule).
    notifyTeam: (team: Team, event: TeamEvent) =>
      team.webhook
        ? createTeamNotifier({
            ...team.webhook,
            log: log.child({ component: 'team-webhook' }),
            ...(deps.consoleUrl ? { consoleUrl: deps.consoleUrl } : {}),
          }).notify(event)
        : Promise.resolve(),
    log,
    now: deps.now,
  };
  return {
    live,
    /** Routes the handoffs and the customers' mentions in people's threads among the decided; never throws. */
    route(decided: readonly { mention: StoredMention; outcome: TurnOutcome }[]): Promise<void> {
      const routed = decided.flatMap(({ mention, outcome }) => {
        const kind = outcome.threadState === 'waiting' ? 'handoff' : outcome.status === 'routed' ? 'reply' : undefined;
        return kind ? [{ mention: { ...mention, decision: outcome.decision }, kind } as const] : [];
      });
      return Promise.all(
        routed.map(({ mention, kind }) =>
          routeMention(routingDeps, mention, kind)
            .then(() => (kind === 'handoff' ? deps.afterHandoff?.(mention) : undefined))
            .catch((err: unknown) => log.error({ err }, 'could not route a mention')),
        ),
      ).then(() => undefined);
    },
    close: () => live.close(),
  };
}
