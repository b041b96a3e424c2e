import { ActivityHandler, EventFactory, type TurnContext } from 'botbuilder';
import type { StoredMention } from '../mention.js';
import type { TurnDecision } from './decide-turn.js';
import { transcriptActivity } from './handoff-transcript.js';

/** turnState keys shared by the bot and the adapter that runs it. */
export const MENTION_KEY = Symbol('first-reply.mention');
export const DECISION_KEY = Symbol('first-reply.decision');

/**
 * The bot: for each mention it asks `decide` what to do, replies in the thread when told to, and
 * raises Bot Framework's handoff.initiate (with the transcript) when a person must take over.
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
      if (decision.handoff) {
        const handoffContext = { reason: decision.reason, understanding: decision.understanding ?? null, ...(decision.followUp ? { followUp: decision.followUp } : {}) };
        const transcript = { activities: [transcriptActivity(context.activity)] };
        await context.sendActivity(EventFactory.createHandoffInitiation(context, handoffContext, transcript));
      }
      await next();
    });
  }
}
