import { ActivityTypes, TurnContext, type ConversationReference } from 'botbuilder';
import type { BotFrameworkSettings } from '../../../config/channel-settings.js';
import { ChannelSendError, type Channel } from '../channel.js';
import { countGraphemes } from '../../../shared/graphemes.js';
import { createBotFrameworkAdapter } from './botframework-adapter.js';
import { botFrameworkRoutes } from './botframework-routes.js';

interface RestErrorLike {
  statusCode?: number;
  message: string;
  response?: { headers?: { get(name: string): string | undefined } };
}

/** Retry-After is seconds or an HTTP date. */
function retryAfterMs(value: string | undefined, now = Date.now()): number {
  if (!value) return now + 60_000;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return now + seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? date : now + 60_000;
}

function toSendError(err: unknown): ChannelSendError {
  const e = err as RestErrorLike;
  const status = e.statusCode;
  const message = `Bot Framework reply: ${status ? `HTTP ${status} ` : ''}${e.message ?? String(err)}`;
  if (status === 429) return new ChannelSendError(message, 'rate_limited', retryAfterMs(e.response?.headers?.get('retry-after')));
  if (status === undefined || status >= 500 || status === 408) return new ChannelSendError(message, 'transient');
  // 403 bot removed from the conversation, 404 conversation gone, 401 bad credentials.
  return new ChannelSendError(message, 'permanent');
}

/**
 * Bot Framework (Teams, Web Chat, Direct Line, Emulator): messages arrive on /api/messages through
 * botbuilder's CloudAdapter; replies go out later from the outbox by continueConversationAsync.
 */
export function createBotFrameworkChannel(settings: BotFrameworkSettings): Channel {
  const { adapter, auth } = createBotFrameworkAdapter(settings);
  const appId = settings.authEnabled ? (settings.MICROSOFT_APP_ID ?? '') : '';
  return {
    name: 'botframework',
    limits: { maxLength: settings.BOTFRAMEWORK_MAX_LENGTH, measure: countGraphemes },
    async routes(app, ctx) {
      await app.register(botFrameworkRoutes, { adapter, auth, ctx, authEnabled: settings.authEnabled });
    },
    async send(reply) {
      const reference = reply.replyContext?.reference as Partial<ConversationReference> | undefined;
      if (!reference?.serviceUrl || !reference.conversation)
        throw new ChannelSendError('Bot Framework reply without a conversation reference', 'permanent');
      let platformId = '';
      try {
        await adapter.continueConversationAsync(appId, reference, async (turn) => {
          // TurnContext.sendActivity would set replyToId to the continuation event's fresh id;
          // through the adapter the reply threads under the mention's own activity.
          const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Message, text: reply.text }, reference);
          const [sent] = await turn.adapter.sendActivities(turn, [activity]);
          platformId = sent?.id ?? '';
        });
      } catch (err) {
        throw toSendError(err);
      }
      return { platformId: platformId || reply.idempotencyKey };
    },
  };
}
