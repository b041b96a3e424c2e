import type { Priority } from '../../intents/urgency.js';

/** What routing rules look at in a handoff (or a customer's reply to one). */
export interface RoutingFacts {
  text: string;
  channel: string;
  /** The understanding's intent (a built-in one or a knowledge entry id), its entry and built-in topic. */
  intent: string | null;
  entryId?: string | null;
  topic?: string | null;
  priority: Priority;
  sentiment: 'negative' | 'neutral' | 'positive' | null;
  complaint: boolean;
  customerTags: readonly string[];
  /** Within business hours at the handoff. */
  inHours: boolean;
  /** Read only when a rule asks for the language (detecting it is the costly part). */
  language: () => string | null;
}

/** What the matching rules decided, in the order they were evaluated. */
export interface RoutingOutcome {
  /** Names of the rules that matched, in order. */
  matched: string[];
  /** The first matching rule to name one wins. */
  team?: string;
  priority?: Priority;
  assign?: string;
  /** Every matching rule's tags and notified teams, each once. */
  tags: string[];
  notify: string[];
  /** A rule asked to hide the comment (done where the platform allows it: handoff/moderation/). */
  hide: boolean;
}
