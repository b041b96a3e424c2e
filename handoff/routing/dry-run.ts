import type { Routing } from '../../config/routing/schema.js';
import type { HandoffSample } from '../../store/handoff-store.js';
import type { BusinessHours } from '../hours/business-hours.js';
import { compileRules } from './compile-rules.js';
import { factsOfMention } from './facts-of-mention.js';

export interface DryRunMatch {
  at: number;
  channel: string;
  threadId: string;
  text: string;
  /** The rule won the team (no earlier matching rule named one) or not. */
  decidesTeam: boolean;
}

/**
 * Which of the recent handoffs a rule of a draft would have matched, each judged as it was then
 * (its customer tags, business hours at that moment); and, for the rules in order, whether it would
 * have decided the team.
 */
export function dryRun(
  draft: Routing,
  ruleName: string,
  samples: readonly HandoffSample[],
  hours: BusinessHours,
): { looked: number; matches: DryRunMatch[] } {
  const rules = compileRules(draft);
  const matches: DryRunMatch[] = [];
  for (const s of samples) {
    const facts = factsOfMention(s, { customerTags: s.customerTags, hours, at: s.at });
    if (!rules.matchesRule(ruleName, facts)) continue;
    const outcome = rules.evaluate(facts);
    const winner = draft.rules.find((r) => r.do.team && outcome.matched.includes(r.name));
    matches.push({ at: s.at, channel: s.channel, threadId: s.threadId, text: s.text, decidesTeam: winner?.name === ruleName });
  }
  return { looked: samples.length, matches };
}
