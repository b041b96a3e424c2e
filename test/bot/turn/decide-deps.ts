import type { DecideDeps } from '../../../bot/turn/decide-turn.js';
import { createKeywordUnderstander } from '../../../intents/keyword-understander.js';
import type { Understander } from '../../../intents/understanding.js';

/**
 * What decideTurn needs, for the turn's tests: the brand @acme, a thread the bot holds, keyword
 * understanding trained on `knowledge` (or `understander`), a fixed time; `overrides` on top.
 */
export async function decideDeps(
  knowledge: DecideDeps['knowledge'],
  overrides: Partial<DecideDeps> = {},
  understander: Understander = createKeywordUnderstander(),
): Promise<DecideDeps> {
  await understander.train(knowledge.entries);
  return {
    understander,
    knowledge,
    threadState: 'bot',
    recentRepliesToAuthor: async () => 0,
    brandHandles: ['@acme'],
    knownBots: [],
    authorReplyCap: 3,
    answerThreshold: 0.6,
    now: new Date('2026-11-23T10:00:00Z'),
    ...overrides,
  };
}
