import type { Knowledge } from '../../config/knowledge/schema.js';
import type { Understander } from '../../intents/understanding.js';
import { DEFAULT_ANSWER_THRESHOLD, decideTurn, type TurnDecision } from './decide-turn.js';

/** A mention to decide without storing or sending anything. */
export interface PreviewMention {
  text: string;
  /** Default `@customer`. */
  author?: string;
  /** When it was posted: entry windows apply at this time (default now). */
  at?: Date;
  /**
   * The customer's earlier tweets in the same thread, oldest first. The decision reads one text
   * today; this is where thread context will reach it once it can take it (issue 15).
   */
  earlier?: readonly string[];
}

export interface PreviewOptions {
  channel: string;
  /** The brand's handles, as BRAND_HANDLES: the guards never answer the brand's own posts. */
  brandHandles?: readonly string[];
  /** Decide thanks, praise, spam and noise as no_reply, as the service does with NO_REPLY_DECISIONS. */
  noReply?: boolean;
}

/**
 * What the bot would do with a mention in a fresh thread the bot owns: the same decision the turn
 * makes, without storing or sending anything. The author's reply cap is not applied (each mention
 * is judged on its own).
 */
export function previewMention(understander: Understander, knowledge: Knowledge, mention: PreviewMention, options: PreviewOptions): Promise<TurnDecision> {
  const now = mention.at ?? new Date();
  return decideTurn(
    { channel: options.channel, platformId: 'preview', threadId: 'preview', author: mention.author ?? '@customer', text: mention.text, createdAt: now.toISOString() },
    {
      understander,
      knowledge,
      threadState: 'bot',
      recentRepliesToAuthor: async () => 0,
      brandHandles: options.brandHandles ?? [],
      knownBots: [],
      authorReplyCap: Number.POSITIVE_INFINITY,
      answerThreshold: DEFAULT_ANSWER_THRESHOLD,
      now,
      noReply: options.noReply ?? false,
    },
  );
}

/**
 * What the bot would do with a text from a new customer in a fresh thread. Used by knowledge test
 * cases, `first-reply try` and `replay`.
 */
export function previewTurn(understander: Understander, knowledge: Knowledge, text: string, channel: string, now = new Date()): Promise<TurnDecision> {
  return previewMention(understander, knowledge, { text, at: now }, { channel });
}

/** A knowledge test case's outcome: the entry id answered with, or "handoff". */
export async function testCaseOutcome(understander: Understander, knowledge: Knowledge, text: string, channel: string, now?: Date): Promise<string> {
  const decision = await previewTurn(understander, knowledge, text, channel, now);
  return decision.status === 'answered' && decision.entryId ? decision.entryId : 'handoff';
}
