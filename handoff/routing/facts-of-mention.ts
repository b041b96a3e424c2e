import { isOpen, type BusinessHours } from '../hours/business-hours.js';
import { priorityFor } from '../queue-labels.js';
import { understandingOf } from '../thread-summary.js';
import { languageOf } from './language-of.js';
import type { RoutingFacts } from './routing-facts.js';

/** A handed-off mention (or a customer's reply) as routing rules see it. */
export function factsOfMention(
  mention: { text: string; channel: string; decision: Record<string, unknown> | null; language?: string | null },
  context: { customerTags: readonly string[]; hours: BusinessHours; at: number },
): RoutingFacts {
  const u = understandingOf(mention);
  let language: string | null | undefined;
  return {
    text: mention.text,
    channel: mention.channel,
    intent: u?.intent ?? null,
    entryId: u?.entryId ?? null,
    topic: u?.topic ?? null,
    priority: priorityFor(mention.text, u),
    sentiment: u?.sentiment ?? null,
    complaint: u?.complaint === true || u?.topic === 'complaint',
    customerTags: context.customerTags,
    inHours: isOpen(context.hours, context.at),
    language: () => {
      if (language === undefined) language = languageOf(mention);
      return language;
    },
  };
}
