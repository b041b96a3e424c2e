import type { RoutingFacts } from '../../../handoff/routing/routing-facts.js';

/** A handoff's facts with plain defaults; each test changes the one it is about. */
export function facts(over: Partial<Omit<RoutingFacts, 'language'>> & { language?: string | null } = {}): RoutingFacts {
  const { language = null, ...rest } = over;
  return {
    text: 'hello there',
    channel: 'x',
    intent: 'out_of_scope',
    entryId: null,
    topic: null,
    priority: 'normal',
    sentiment: 'neutral',
    complaint: false,
    customerTags: [],
    inHours: true,
    ...rest,
    language: () => language,
  };
}
