import type { ConversationReference } from 'botbuilder';
import type { BotFrameworkSettings } from '../../../config/channel-settings.js';
import type { OutgoingReply } from '../../../store/mention.js';
import { ChannelSendError, type SendResult } from '../channel.js';
import { findInDirectLine } from './directline-activities.js';

/** The Bot Framework channels whose conversations can be read back (Direct Line 3.0), with their secret. */
export function readableSecrets(settings: BotFrameworkSettings): Map<string, string> {
  const secrets = new Map<string, string>();
  if (settings.BOTFRAMEWORK_DIRECTLINE_SECRET) secrets.set('directline', settings.BOTFRAMEWORK_DIRECTLINE_SECRET);
  if (settings.BOTFRAMEWORK_WEBCHAT_SECRET) secrets.set('webchat', settings.BOTFRAMEWORK_WEBCHAT_SECRET);
  return secrets;
}

/** The note the thread keeps when it is handed to a person because a reply may or may not be out. */
export const UNKNOWN_OUTCOME =
  'an earlier attempt may have posted this reply (its answer was lost) and this conversation cannot be read to check: handed to a person, look in the conversation before answering';

/**
 * findPosted for Bot Framework. The Bot Connector API has no read of a conversation's activities, so:
 * on Direct Line and Web Chat (with their secret) the conversation is read back through Direct Line;
 * elsewhere (Teams, the Emulator, the other connector channels) a reply is sent again only when this
 * instance saw its last attempt fail before it reached the connector (`notPosted`). Otherwise it is
 * not sent again: the reply is given up with a note and the thread goes to a person, since a double
 * answer in a chat is worse than a person's look.
 */
export function createBotFrameworkFindPosted(settings: BotFrameworkSettings, notPosted: Set<number>) {
  const secrets = readableSecrets(settings);
  return async function findPosted(reply: OutgoingReply): Promise<SendResult | undefined> {
    const reference = reply.replyContext?.reference as Partial<ConversationReference> | undefined;
    const secret = secrets.get(reference?.channelId ?? '');
    if (secret && reference?.conversation?.id && reference.activityId) {
      const found = await findInDirectLine(
        { baseUrl: settings.BOTFRAMEWORK_DIRECTLINE_URL, secret, timeoutMs: 15_000, maxPages: 20 },
        reference.conversation.id,
        { replyToId: reference.activityId, botId: reference.bot?.id, key: reply.idempotencyKey, text: reply.text },
      );
      if (found !== 'unreadable') return found;
    } else if (notPosted.delete(reply.id)) {
      return undefined;
    }
    throw new ChannelSendError(UNKNOWN_OUTCOME, 'permanent');
  };
}
