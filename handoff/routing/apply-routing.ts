import type { Moderation } from '../moderation/hide-comment.js';
import type { StoredMention } from '../../store/mention.js';
import { type HandoffStore, type Team, taggedKey } from '../../store/handoff-store.js';
import { listedHead } from '../../store/step-budget.js';
import type { BusinessHours } from '../hours/business-hours.js';
import type { TeamEvent } from '../notify/team-events.js';
import { threadKey } from '../thread-key.js';
import type { RoutingRules } from './compile-rules.js';
import { factsOfMention } from './facts-of-mention.js';
import type { RoutingOutcome } from './routing-facts.js';

/** The dry run replays this many of the newest handoffs. */
export const HANDOFF_SAMPLES_KEPT = 1_000;
const ACTOR = 'routing';

export interface RoutingDeps {
  handoff: Pick<
    HandoffStore,
    'threadTags' | 'tagThread' | 'setThreadTeam' | 'setRoutedPriority' | 'transition' | 'recordHandoffSample' | 'listTeams' | 'recordEvent'
  >;
  rules: () => RoutingRules;
  hours: BusinessHours;
  isAgent: (name: string) => Promise<boolean>;
  /** An agent's workload cap (undefined: none): a rule's assign past it leaves the thread in the queue. */
  claimCap?: (name: string) => Promise<number | undefined>;
  /** Posts to one team's webhook (Slack or Teams). */
  notifyTeam: (team: Team, event: TeamEvent) => Promise<void>;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** Hides the comment for a rule's `hide` (handoff/moderation/); without it, the action is only logged. */
  moderation?: Pick<Moderation, 'setHidden'>;
  now: () => number;
}

/**
 * Routes one handoff (or a customer's new mention in a thread people hold): evaluates the rules in
 * order, then puts the thread in the team's queue, tags it, assigns it, notifies teams, and keeps
 * the handoff for the editor's dry run, and hides the comment where a rule says so and the platform
 * allows it. The rules' priority is recorded on the route event.
 */
export async function routeMention(
  deps: RoutingDeps,
  mention: StoredMention & { decision: Record<string, unknown> | null },
  kind: 'handoff' | 'reply',
): Promise<RoutingOutcome> {
  const ref = { channel: mention.channel, threadId: mention.threadId };
  const now = deps.now();
  // The thread's tags (vip, press...) are what is known of the customer so far.
  const customerTags = (await deps.handoff.threadTags([ref])).get(taggedKey(ref)) ?? [];
  const outcome = deps.rules().evaluate(factsOfMention(mention, { customerTags, hours: deps.hours, at: now }));
  if (kind === 'handoff') {
    const text = listedHead(mention.text) ?? mention.text;
    await deps.handoff.recordHandoffSample(
      { at: now, ...ref, text, decision: mention.decision, customerTags, matched: outcome.matched },
      HANDOFF_SAMPLES_KEPT,
    );
  }
  // The queue ranks the thread by the rules' priority; a new handoff no rule sets one for loses an old one.
  if (kind === 'handoff' || outcome.priority) await deps.handoff.setRoutedPriority({ ...ref, priority: outcome.priority ?? null, now });
  if (outcome.matched.length === 0) return outcome;
  if (outcome.team) await deps.handoff.setThreadTeam({ ...ref, team: outcome.team, actor: ACTOR, now });
  await deps.handoff.recordEvent({
    ...ref,
    type: 'routed',
    actor: ACTOR,
    at: now,
    data: { rules: outcome.matched, ...(outcome.priority ? { priority: outcome.priority } : {}) },
  });
  for (const tag of outcome.tags) await deps.handoff.tagThread({ ...ref, tag, add: true, actor: ACTOR, now });
  if (outcome.assign) {
    if (await deps.isAgent(outcome.assign)) {
      const cap = await deps.claimCap?.(outcome.assign);
      const assigned = await deps.handoff.transition({
        ...ref,
        from: ['waiting'],
        to: 'agent',
        assignee: outcome.assign,
        ...(cap !== undefined ? { claimCap: cap } : {}),
        event: { type: 'assign', actor: ACTOR, data: { to: outcome.assign } },
        now,
      });
      if (!assigned.ok && assigned.overCap)
        deps.log.warn({ assign: outcome.assign, rules: outcome.matched }, 'routing: the agent is at their cap, thread left in the queue');
    } else deps.log.warn({ assign: outcome.assign, rules: outcome.matched }, 'routing: not an agent, thread left in the queue');
  }
  if (outcome.hide) {
    const hid = deps.moderation
      ? await deps.moderation.setHidden(ref, mention.platformId, true, `rule:${outcome.matched.join(',')}`)
      : { ok: false as const, message: 'no moderation here' };
    if (!hid.ok)
      deps.log.warn({ channel: ref.channel, rules: outcome.matched, why: hid.message }, 'routing: the comment could not be hidden');
  }
  if (outcome.notify.length > 0) {
    const teams = new Map((await deps.handoff.listTeams()).map((t) => [t.name, t]));
    for (const name of outcome.notify) {
      const team = teams.get(name);
      if (!team?.webhook) {
        deps.log.warn({ team: name }, 'routing: no such team or it has no webhook');
        continue;
      }
      void deps.notifyTeam(team, {
        type: 'handoff',
        channel: ref.channel,
        threadKey: threadKey(ref.channel, ref.threadId),
        author: mention.author,
        text: listedHead(mention.text) ?? mention.text,
        priority: outcome.priority ?? 'normal',
        reason: `routed by ${outcome.matched.join(', ')}`,
      });
    }
  }
  return outcome;
}
