import { ActivityTypes, type Activity } from 'botbuilder';
import type { StoredMention } from '../../store/mention.js';

/**
 * A mention as a Bot Framework message activity: the thread's root post is the conversation,
 * the mention's platform id is the activity id (what replies point at).
 */
export function mentionToActivity(mention: StoredMention, brandHandle: string): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    id: mention.platformId,
    channelId: mention.channel,
    serviceUrl: `first-reply://${mention.channel}`,
    conversation: { id: mention.threadId, isGroup: true, conversationType: 'thread', name: mention.threadId },
    from: { id: mention.author, name: mention.author, role: mention.authorIsBot ? 'bot' : 'user' },
    recipient: { id: brandHandle, name: brandHandle, role: 'bot' },
    text: mention.text,
    timestamp: new Date(mention.createdAt),
    channelData: { mentionId: mention.id, permalink: mention.permalink, receivedAt: mention.receivedAt },
  };
}
