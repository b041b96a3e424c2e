import type { AnswerDecision } from './answer-policy.js';
import { BACKGROUND_PREFIX } from './background.js';
import type { Understanding } from './understanding.js';

/** How much of the phrasing that read closer than the entry a decision keeps: enough to find it in the file. */
const CLOSER_EXAMPLE_CHARS = 160;

/**
 * What read closer than every entry, when something did, for the why (why-no-answer.ts): the
 * background class without its prefix and the start of its phrasing nearest the mention.
 */
export function closerThanEntry(decision: AnswerDecision): Pick<Understanding, 'closerThanEntry' | 'closerExample'> {
  if (decision.action !== 'handoff' || !decision.backgroundLabel) return {};
  return {
    closerThanEntry: decision.backgroundLabel.slice(BACKGROUND_PREFIX.length),
    ...(decision.backgroundExample ? { closerExample: decision.backgroundExample.slice(0, CLOSER_EXAMPLE_CHARS) } : {}),
  };
}
