import { BotAdapter, TurnContext, type Activity, type ActivityHandler, type ResourceResponse } from 'botbuilder';
import type { StoredMention, ReplyKind } from '../../store/mention.js';
import { DECISION_KEY, MENTION_KEY } from './first-reply-bot.js';
import { mentionToActivity } from './mention-activity.js';
import type { TurnDecision } from './decide-turn.js';

const OUTGOING_KEY = Symbol('first-reply.outgoing');

export interface TurnResult {
  decision: TurnDecision;
  messages: { text: string; kind: ReplyKind }[];
}

/**
 * Runs the bot's turn for a stored mention. Nothing is posted from inside the turn: the activities
 * the bot sends are collected and the caller commits them to the outbox in one transaction with the
 * decision, so a crash mid-turn leaves the mention undecided and nothing half-sent.
 */
export class MentionAdapter extends BotAdapter {
  constructor(private readonly brandHandle: string) {
    super();
  }

  async runMention(mention: StoredMention, bot: ActivityHandler): Promise<TurnResult> {
    const context = new TurnContext(this, mentionToActivity(mention, this.brandHandle));
    const outgoing: Partial<Activity>[] = [];
    context.turnState.set(MENTION_KEY, mention);
    context.turnState.set(OUTGOING_KEY, outgoing);
    await this.runMiddleware(context, (ctx) => bot.run(ctx));
    const decision = context.turnState.get(DECISION_KEY) as TurnDecision | undefined;
    if (!decision) throw new Error(`The bot made no decision for mention ${mention.id}`);
    const messages = outgoing
      .filter((a) => a.type === 'message' && a.text)
      .map((a) => ({ text: a.text!, kind: (a.channelData as { replyKind?: ReplyKind } | undefined)?.replyKind ?? 'answer' }));
    return { decision, messages };
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const outgoing = context.turnState.get(OUTGOING_KEY) as Partial<Activity>[];
    outgoing.push(...activities);
    return activities.map((_, i) => ({ id: `${context.activity.id}:${outgoing.length - activities.length + i}` }));
  }

  override async updateActivity(): Promise<void> {
    throw new Error('first-reply never edits a public reply');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('first-reply never deletes a public reply');
  }

  override async continueConversation(): Promise<void> {
    throw new Error('proactive messages go through the outbox, not the adapter');
  }
}
