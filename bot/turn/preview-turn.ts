import type { Knowledge } from '../../config/knowledge/schema.js';
import type { Understander } from '../../intents/understanding.js';
import { DEFAULT_ANSWER_THRESHOLD, decideTurn, type TurnDecision } from './decide-turn.js';

/**
 * What the bot would do with a text from a new customer in a fresh thread: the same decision the
 * turn makes, without storing or sending anything. Used by knowledge test cases, `first-reply try`
 * and `replay`.
 */
export function previewTurn(understander: Understander, knowledge: Knowledge, text: string, channel: string, now = new Date()): Promise<TurnDecision> {
  return decideTurn(
    { channel, platformId: 'preview', threadId: 'preview', author: '@customer', text, createdAt: now.toISOString() },
    {
      understander,
      knowledge,
      threadState: 'bot',
      recentRepliesToAuthor: async () => 0,
      brandHandles: [],
      knownBots: [],
      authorReplyCap: Number.POSITIVE_INFINITY,
      answerThreshold: DEFAULT_ANSWER_THRESHOLD,
      now,
    },
  );
}

/** A knowledge test case's outcome: the entry id answered with, or "handoff". */
export async function testCaseOutcome(understander: Understander, knowledge: Knowledge, text: string, channel: string, now?: Date): Promise<string> {
  const decision = await previewTurn(understander, knowledge, text, channel, now);
  return decision.status === 'answered' && decision.entryId ? decision.entryId : 'handoff';
}
