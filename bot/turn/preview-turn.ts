import type { Knowledge } from '../../config/knowledge/schema.js';
import type { Understander } from '../../intents/understanding.js';
import { EARLIER_TEXT_CHARS, type EarlierMention } from '../../store/store.js';
import { DEFAULT_ANSWER_THRESHOLD, decideTurn, type TurnDecision } from './decide-turn.js';
import { EARLIER_MENTIONS_READ } from './thread-context.js';

/** An earlier post of the thread: its text (by the mention's author), or its text and who wrote it. */
export type EarlierPost = string | { text: string; author: string };

/** A mention to decide without storing or sending anything. */
export interface PreviewMention {
  text: string;
  /** Default `@customer`. */
  author?: string;
  /** When it was posted: entry windows apply at this time (default now). */
  at?: Date;
  /**
   * The customers' earlier posts in the same thread, oldest first. Each is decided first (with the
   * ones before it), as the bot would have, and the mention is then decided with them as its thread
   * (the last EARLIER_MENTIONS_READ, as the service reads). A post given with its author keeps it:
   * another customer's post, or one the brand's other account posted, is no follow-up of this author's.
   */
  earlier?: readonly EarlierPost[];
}

export interface PreviewOptions {
  channel: string;
  /** The brand's handles, as BRAND_HANDLES: the guards never answer the brand's own posts. */
  brandHandles?: readonly string[];
  /** Decide thanks, praise, spam and noise as no_reply, as the service does with NO_REPLY_DECISIONS. */
  noReply?: boolean;
  /** The longest thanks or praise decided a courtesy, in words (COURTESY_MAX_WORDS). */
  courtesyWords?: number;
}

/**
 * What the bot would do with a mention in a thread the bot owns: the same decision the turn makes,
 * without storing or sending anything. The author's reply cap is not applied (each mention is
 * judged on its own).
 */
export async function previewMention(
  understander: Understander,
  knowledge: Knowledge,
  mention: PreviewMention,
  options: PreviewOptions,
): Promise<TurnDecision> {
  const now = mention.at ?? new Date();
  const author = mention.author ?? '@customer';
  const decide = (text: string, earlier: readonly EarlierMention[], by = author) =>
    decideTurn(
      { channel: options.channel, platformId: 'preview', threadId: 'preview', author: by, text, createdAt: now.toISOString() },
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
        courtesyWords: options.courtesyWords,
        earlierMentions: async () => earlier.slice(-EARLIER_MENTIONS_READ),
      },
    );
  const thread: EarlierMention[] = [];
  for (const post of (mention.earlier ?? []).slice(-EARLIER_MENTIONS_READ)) {
    const { text, author: by } = typeof post === 'string' ? { text: post, author } : post;
    const d = await decide(text, thread, by);
    thread.push({
      id: 0,
      author: by,
      text: text.slice(0, EARLIER_TEXT_CHARS),
      status: d.status,
      ...(d.entryId ? { entryId: d.entryId } : {}),
      reason: d.reason,
      ...(d.understanding?.topic ? { topic: d.understanding.topic } : {}),
    });
  }
  return decide(mention.text, thread);
}

/**
 * What the bot would do with a text from a new customer in a fresh thread. Used by knowledge test
 * cases, `first-reply try` and `replay`.
 */
export function previewTurn(
  understander: Understander,
  knowledge: Knowledge,
  text: string,
  channel: string,
  now = new Date(),
): Promise<TurnDecision> {
  return previewMention(understander, knowledge, { text, at: now }, { channel });
}

/** A knowledge test case's outcome: the entry id answered with, or "handoff". */
export async function testCaseOutcome(
  understander: Understander,
  knowledge: Knowledge,
  text: string,
  channel: string,
  now?: Date,
): Promise<string> {
  const decision = await previewTurn(understander, knowledge, text, channel, now);
  return decision.status === 'answered' && decision.entryId ? decision.entryId : 'handoff';
}
