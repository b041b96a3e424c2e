import type { LinkedInSettings } from '../../../config/channel-settings.js';
import { countGraphemes } from '../../../shared/graphemes.js';
import { ChannelSendError, type Channel } from '../channel.js';
import { createLinkedInApi } from './linkedin-api.js';
import { findOwnLinkedInReply, linkedinTarget } from './linkedin-events.js';
import { createLinkedInPoller } from './linkedin-poller.js';

/** What the LinkedIn channel cannot do, said once at start-up (and in docs/channels.md). */
export const LINKEDIN_LIMITS_NOTE =
  "linkedin: comments are polled (organization notifications and webhooks need LinkedIn partner access, not used); only top-level comments on the organization's recent posts are read, not replies within a thread; authors are member URNs without names; no idempotency key (a reply whose answer was lost is looked for under its comment before it is sent again)";

/**
 * LinkedIn organization comments (Community Management API): the comments on the organization's
 * recent posts by polling, replies as the organization under the comment (`parentComment`).
 * LinkedIn caps a comment at 1,250 characters.
 */
export function createLinkedInChannel(settings: LinkedInSettings): Channel & { pollOnce(): Promise<number> } {
  const organizationUrn = `urn:li:organization:${settings.LINKEDIN_ORGANIZATION_ID}`;
  const api = createLinkedInApi({
    baseUrl: settings.LINKEDIN_API_URL,
    accessToken: settings.LINKEDIN_ACCESS_TOKEN,
    version: settings.LINKEDIN_VERSION,
    rateLimitWaitMs: settings.LINKEDIN_RATE_LIMIT_WAIT_SECONDS * 1000,
  });
  let poller: ReturnType<typeof createLinkedInPoller> | undefined;

  return {
    name: 'linkedin',
    limits: { maxLength: 1250, measure: countGraphemes },
    async start(ctx) {
      ctx.log.info(LINKEDIN_LIMITS_NOTE);
      poller = createLinkedInPoller({
        api,
        ctx,
        organizationUrn,
        intervalMs: settings.LINKEDIN_POLL_INTERVAL_SECONDS * 1000,
        recentPosts: settings.LINKEDIN_RECENT_POSTS,
      });
      poller.start();
    },
    async stop() {
      await poller?.stop();
    },
    async pollOnce() {
      if (!poller) throw new Error('linkedin channel not started');
      return poller.pollOnce();
    },
    // No idempotency key: before a reply is sent again, the replies under its comment are read.
    async findPosted(reply) {
      const target = linkedinTarget(reply);
      return target ? findOwnLinkedInReply(await api.comments(target.parentComment, 0, 100), reply, organizationUrn) : undefined;
    },
    async send(reply) {
      const target = linkedinTarget(reply);
      if (!target) throw new ChannelSendError('LinkedIn reply without replyContext (object, parentComment)', 'permanent');
      return { platformId: await api.reply({ actor: organizationUrn, ...target, text: reply.text }) };
    },
  };
}
