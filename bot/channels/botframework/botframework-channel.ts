import { ActivityTypes, TurnContext, type ConversationReference } from 'botbuilder';
import type { BotFrameworkSettings } from '../../../config/channel-settings.js';
import { ChannelSendError, type Channel } from '../channel.js';
import { countGraphemes } from '../../../shared/graphemes.js';
import { createBotFrameworkAdapter } from './botframework-adapter.js';
import { certainlyNotPosted, toSendError } from './botframework-errors.js';
import { createBotFrameworkFindPosted, readableSecrets } from './botframework-find-posted.js';
import { botFrameworkRoutes } from './botframework-routes.js';
import { singleAttempt } from './connector-pipeline.js';
import { MARKER } from './directline-activities.js';

const SEND_TIMEOUT_MS = 15_000;
/** Replies remembered as certainly not posted, at most: the oldest is forgotten (then it goes to a person). */
const NOT_POSTED_MAX = 10_000;

/**
 * Bot Framework (Teams, Web Chat, Direct Line, Emulator): messages arrive on /api/messages through
 * botbuilder's CloudAdapter; replies go out later from the outbox by continueConversationAsync.
 */
export function createBotFrameworkChannel(settings: BotFrameworkSettings): Channel {
  const { adapter, auth } = createBotFrameworkAdapter(settings);
  const appId = settings.authEnabled ? (settings.MICROSOFT_APP_ID ?? '') : '';
  const readable = readableSecrets(settings);
  const notPosted = new Set<number>();
  return {
    name: 'botframework',
    limits: { maxLength: settings.BOTFRAMEWORK_MAX_LENGTH, measure: countGraphemes },
    async routes(app, ctx) {
      await app.register(botFrameworkRoutes, { adapter, auth, ctx, authEnabled: settings.authEnabled });
    },
    findPosted: createBotFrameworkFindPosted(settings, notPosted),
    async send(reply) {
      const reference = reply.replyContext?.reference as Partial<ConversationReference> | undefined;
      if (!reference?.serviceUrl || !reference.conversation)
        throw new ChannelSendError('Bot Framework reply without a conversation reference', 'permanent');
      let platformId = '';
      let written = false;
      try {
        await adapter.continueConversationAsync(appId, reference, async (turn) => {
          singleAttempt(turn, SEND_TIMEOUT_MS, () => {
            written = true;
          });
          // Only where the conversation is read back: other channels are not sent fields they do not know.
          const channelData = readable.has(reference.channelId ?? '') ? { [MARKER]: reply.idempotencyKey } : undefined;
          // TurnContext.sendActivity would set replyToId to the continuation event's fresh id;
          // through the adapter the reply threads under the mention's own activity.
          const activity = TurnContext.applyConversationReference(
            { type: ActivityTypes.Message, text: reply.text, ...(channelData ? { channelData } : {}) },
            reference,
          );
          const [sent] = await turn.adapter.sendActivities(turn, [activity]);
          platformId = sent?.id ?? '';
        });
      } catch (err) {
        if (certainlyNotPosted(err, written)) {
          notPosted.add(reply.id);
          if (notPosted.size > NOT_POSTED_MAX) notPosted.delete(notPosted.values().next().value as number);
        }
        throw toSendError(err);
      }
      notPosted.delete(reply.id);
      return { platformId: platformId || reply.idempotencyKey };
    },
  };
}
