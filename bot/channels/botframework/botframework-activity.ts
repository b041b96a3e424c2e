import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
import { z } from 'zod';
import type { Mention } from '../../../store/mention.js';
import { platformId, textTime } from '../delivery-items.js';
import { displayName, UNNAMED } from '../handles.js';

const account = z.object({ id: platformId, name: z.string().max(1000).optional(), role: z.string().max(100).optional() });

/**
 * A message activity, the fields we read, checked strictly before the adapter runs the turn: the
 * conversation reference kept for the reply is built from them.
 */
/** Entities botbuilder reads: a mention's `mentioned.id` and `text` (to take "<at>Bot</at>" out of the text). */
const entity = z
  .object({ type: z.string(), mentioned: z.object({ id: z.string() }).loose().optional(), text: z.string().optional() })
  .loose()
  .refine(
    (e) => e.type.toLowerCase() !== 'mention' || (e.mentioned !== undefined && e.text !== undefined),
    'a mention entity needs mentioned.id and text',
  );

export const messageActivity = z.object({
  type: z.literal(ActivityTypes.Message),
  id: platformId,
  text: z.string().optional(),
  timestamp: textTime.optional(),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2000),
  conversation: z.object({ id: platformId }),
  // Always sent by the connector; botbuilder reads both to build the reply's conversation reference.
  from: account,
  recipient: account,
  entities: z.array(entity).max(100).optional(),
});

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
  const sent = activity.timestamp ? new Date(activity.timestamp) : undefined;
  return {
    channel: 'botframework',
    // Activity ids are unique within a conversation, not across them.
    platformId: `${activity.conversation.id}|${activity.id}`,
    threadId: activity.conversation.id,
    // A Teams or Web Chat name is free text: stored cleaned and bounded, repeated in a reply only when harmless.
    author: displayName(activity.from?.name) ?? activity.from?.id ?? UNNAMED,
    authorIsBot: activity.from?.role === 'bot',
    text,
    createdAt: sent && Number.isFinite(sent.getTime()) ? sent.toISOString() : new Date().toISOString(),
    replyContext: { reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown> },
  };
}
