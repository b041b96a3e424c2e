import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
import type { Mention } from '../../mention.js';

/**
 * An incoming message activity as a Mention: the conversation is the thread, and the conversation
 * reference (serviceUrl, conversation, activity id...) is kept to reply later from the outbox.
 */
export function mentionFromActivity(activity: Activity): Mention | undefined {
  if (activity.type !== ActivityTypes.Message || !activity.conversation?.id || !activity.id) return undefined;
  // Echoes of the bot's own messages are never answered.
  if (activity.from?.id && activity.from.id === activity.recipient?.id) return undefined;
  // Teams puts "<at>Bot</at>" in the text when the bot is mentioned in a channel.
  const text = (TurnContext.removeRecipientMention(activity) ?? activity.text ?? '').trim();
  if (!text) return undefined;
  const reference = TurnContext.getConversationReference(activity);
  return {
    channel: 'botframework',
    // Activity ids are unique within a conversation, not across them.
    platformId: `${activity.conversation.id}|${activity.id}`,
    threadId: activity.conversation.id,
    author: activity.from?.name || activity.from?.id || 'there',
    authorIsBot: activity.from?.role === 'bot',
    text,
    createdAt: activity.timestamp ? new Date(activity.timestamp).toISOString() : new Date().toISOString(),
    replyContext: { reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown> },
  };
}
