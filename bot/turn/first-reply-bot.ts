import { ActivityHandler, type TurnContext } from 'botbuilder';
import type { StoredMention } from '../../store/mention.js';
import type { TurnDecision } from './decide-turn.js';

/** turnState keys shared by the bot and the adapter that runs it. */
export const MENTION_KEY = Symbol('first-reply.mention');
export const DECISION_KEY = Symbol('first-reply.decision');

/**
 * The bot: for each mention it asks `decide` what to do and replies in the thread when told to. A
 * handoff is the decision's `handoff` flag, which moves the thread to `waiting` when the turn commits.
 */
export class FirstReplyBot extends ActivityHandler {
  constructor(decide: (mention: StoredMention) => Promise<TurnDecision>) {
    super();
    this.onMessage(async (context: TurnContext, next) => {
      const mention = context.turnState.get(MENTION_KEY) as StoredMention;
      const decision = await decide(mention);
      context.turnState.set(DECISION_KEY, decision);
      if (decision.reply) {
        await context.sendActivity({ type: 'message', text: decision.reply.text, channelData: { replyKind: decision.reply.kind } });
      }
      await next();
    });
  }
}
