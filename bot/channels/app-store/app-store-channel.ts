import type { AppStoreSettings } from '../../../config/channel-settings.js';
import { ChannelSendError, type Channel } from '../channel.js';
import { reviewReplyVerdict } from '../review-reply-check.js';
import { createAppStoreApi } from './app-store-api.js';
import { type AppStoreReplyContext, appleId } from './app-store-events.js';
import { createAppStorePoller } from './app-store-poller.js';
import { z } from 'zod';

const responseAnswer = z.object({
  data: z
    .object({
      id: appleId,
      attributes: z.object({ responseBody: z.string().max(20_000).optional(), lastModifiedDate: z.string().max(64).optional() }).loose(),
    })
    .loose()
    .nullable(),
});

/**
 * App Store customer reviews by polling, answered with the developer response (one per review;
 * `POST /v1/customerReviewResponses` creates it or replaces the one there, so no delete comes first).
 * Apple publishes a response after its own review, which can take a while.
 */
export function createAppStoreChannel(settings: AppStoreSettings): Channel & { pollOnce(): Promise<number> } {
  const api = createAppStoreApi({
    apiUrl: settings.APP_STORE_API_URL,
    appId: settings.APP_STORE_APP_ID,
    issuerId: settings.APP_STORE_ISSUER_ID,
    keyId: settings.APP_STORE_KEY_ID,
    privateKey: settings.APP_STORE_PRIVATE_KEY,
  });
  let poller: ReturnType<typeof createAppStorePoller> | undefined;
  const reviewOf = (reply: { replyContext?: Record<string, unknown>; threadId: string }) => {
    const id = (reply.replyContext as AppStoreReplyContext | undefined)?.review ?? reply.threadId;
    if (!appleId.safeParse(id).success) throw new ChannelSendError('App Store response without a review id', 'permanent');
    return id;
  };

  return {
    name: 'app-store',
    // Apple's limit for a developer response, counted here in UTF-16 units (never fewer than Apple's characters).
    limits: { maxLength: settings.APP_STORE_MAX_LENGTH, measure: (text) => text.length },
    async start(ctx) {
      poller = createAppStorePoller({ api, ctx, intervalMs: settings.APP_STORE_POLL_INTERVAL_SECONDS * 1000 });
      poller.start();
    },
    async stop() {
      await poller?.stop();
    },
    async pollOnce() {
      if (!poller) throw new Error('app-store channel not started');
      return poller.pollOnce();
    },
    // The review's response is read before a retry: when it is this one, or newer (a person answered
    // in App Store Connect), nothing is sent: a late retry never replaces a newer response.
    async findPosted(reply) {
      const id = reviewOf(reply);
      const parsed = responseAnswer.safeParse(await api.readResponse(id));
      if (!parsed.success) throw new ChannelSendError('App Store read response: not a response', 'transient');
      const data = parsed.data.data;
      const body = data?.attributes.responseBody;
      const at = Date.parse(data?.attributes.lastModifiedDate ?? '');
      const verdict = reviewReplyVerdict(body === undefined ? undefined : { text: body, ...(Number.isFinite(at) ? { at } : {}) }, reply);
      return verdict && data ? { platformId: data.id } : undefined;
    },
    async send(reply) {
      const answer = responseAnswer.safeParse(await api.respond(reviewOf(reply), reply.text));
      if (!answer.success || !answer.data.data)
        throw new ChannelSendError('App Store respond: answer without the response id', 'transient');
      return { platformId: answer.data.data.id };
    },
  };
}
