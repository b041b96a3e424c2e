import type { RankedEntry } from './entry-ranking.js';
import type { IntentExamples } from './intent-examples.js';

/** What the bot made of one mention. Kept on the thread so agents see why the bot acted. */
export interface Understanding {
  /** A knowledge entry id, a built-in intent name (e.g. "refund"), or "out_of_scope". */
  intent: string;
  /** Set when the intent is a knowledge entry that could answer the mention. */
  entryId?: string;
  /** Calibrated confidence in `intent`, 0..1. */
  confidence: number;
  sentiment?: 'negative' | 'neutral' | 'positive';
  complaint?: boolean;
  /** Urgency signals found (e.g. "safety", "legal", "data_breach", "outage"). */
  urgency?: string[];
  /** Raw scores behind the decision, for agents and debugging. */
  scores?: Record<string, number>;
  /**
   * The understander's own answer policy, when it has one (calibrated threshold, active entries
   * only): answer with `entryId`, or hand off. Without it the bot applies a plain threshold.
   */
  decision?: 'answer' | 'handoff';
  /** Handoff priority from urgency, sentiment and complaint. */
  priority?: string;
  /** Why there was no answer ("no_active_entry", "below_threshold", "look_alike"). */
  handoffReason?: string;
  /** The entry ranked first when there was no answer: refused as a look-alike, or not sure enough. */
  closestEntryId?: string;
  /**
   * What read closer than that entry, when something did: a built-in topic ("refund"), a shipped
   * off-topic phrasing ("chatter"), or `not-<entry>`, an entry's negative examples.
   */
  closerThanEntry?: string;
  /** The phrasing of that class nearest the mention (a negative example's text, a shipped phrasing). */
  closerExample?: string;
  /** Built-in customer-service intent (e.g. "refund", "outage") for routing the handoff. */
  topic?: string;
  /**
   * The language the mention is written in (ISO 639-1), null when too short to tell; set by the turn
   * (detect-language.ts), so it is recorded with the decision. Absent on decisions made before it was.
   */
  language?: string | null;
}

export interface MentionText {
  text: string;
  channel: string;
  /** When the mention was made: decides which knowledge entries are active (default now). */
  at?: Date;
  /** The language it is answered in (ISO 639-1): understood against that language's examples, where there are any. */
  language?: string;
}

/**
 * Local understanding of mentions. Implementations run in-process (no cloud NLU).
 * `train` is called at start-up and on every knowledge reload with the entries that are loaded
 * (active or not: the policy filters by window and channel at decision time).
 */
export interface Understander {
  train(entries: readonly IntentExamples[]): Promise<void>;
  understand(mention: MentionText): Promise<Understanding>;
  /**
   * A new, untrained understander on the same model(s). Knowledge drafts (checks, previews, a
   * version before it goes live) are trained on it, never on the one answering live mentions.
   */
  fork?(): Understander;
  /**
   * The entries active for the mention ranked as the answer decision ranks them, best first, each with
   * its confidence: what a person is offered on a handed-off thread.
   */
  rankEntries?(mention: MentionText, limit: number): Promise<RankedEntry[]>;
  /**
   * The sentence embeddings of texts as understanding them computes them, from its cache when a text
   * was understood lately (emerging incidents group handoffs on them); absent without an encoder.
   */
  embedTexts?(texts: readonly string[]): Promise<Float32Array[]>;
}
