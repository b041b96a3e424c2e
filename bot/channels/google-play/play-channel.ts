import type { GooglePlaySettings } from '../../../config/google-channel-settings.js';
import type { OutgoingReply } from '../../../store/mention.js';
import { ChannelSendError, type Channel, type ChannelContext, type SendResult } from '../channel.js';
import { createPlayApi } from './play-api.js';
import { developerComment, msOf, playReview } from './play-events.js';
import { createPlayPoller } from './play-poller.js';

/** Google Play takes replies of up to 350 characters. */
const MAX_LENGTH = 350;
/** Clocks differ between us and Google: a reply dated this much before it was queued may still be ours. */
const CLOCK_SLACK_MS = 60_000;
const sameWords = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

/** The review a reply answers, from its context. */
function target(reply: OutgoingReply): { pkg: string; reviewId: string } {
  const c = reply.replyContext ?? {};
  if (typeof c.packageName !== 'string' || typeof c.reviewId !== 'string')
    throw new ChannelSendError('Google Play reply without its review (packageName, reviewId)', 'permanent');
  return { pkg: c.packageName, reviewId: c.reviewId };
}

/**
 * Google Play reviews of one or more apps: polled, answered with reviews.reply. A review holds one
 * reply, a new one replaces it: a reply split in parts cannot be posted (its later parts are refused,
 * the thread goes to a person). Replies per day are kept by the outbox's quota governor.
 */
export function createGooglePlayChannel(settings: GooglePlaySettings): Channel & { pollOnce(): Promise<number> } {
  const api = createPlayApi(settings);
  const pkgs = settings.GOOGLE_PLAY_PACKAGES;
  let pollers: ReturnType<typeof createPlayPoller>[] = [];
  return {
    name: 'google-play',
    limits: { maxLength: MAX_LENGTH, measure: (t) => [...t].length },
    // Google counts replies per app; one channel answers every app listed, so its allowance is theirs together.
    dailyQuota: { units: settings.GOOGLE_PLAY_DAILY_REPLIES * pkgs.length, perReply: 1, resets: { midnightIn: 'America/Los_Angeles' } },
    async start(ctx: ChannelContext) {
      const intervalMs = settings.GOOGLE_PLAY_POLL_INTERVAL_SECONDS * 1000;
      pollers = pkgs.map((pkg) => createPlayPoller({ api, ctx, pkg, intervalMs }));
      for (const p of pollers) p.start();
    },
    async stop() {
      await Promise.all(pollers.map((p) => p.stop()));
    },
    async pollOnce() {
      let n = 0;
      for (const p of pollers) n += await p.pollOnce();
      return n;
    },
    async findPosted(reply): Promise<SendResult | undefined> {
      const { pkg, reviewId } = target(reply);
      const review = playReview.safeParse(await api.review(pkg, reviewId));
      if (!review.success) throw new ChannelSendError('Google Play reviews.get: the answer is not a review', 'transient');
      const dev = developerComment(review.data);
      if (!dev || !sameWords(dev.text, reply.text) || msOf(dev.lastModified) < (reply.queuedAt ?? 0) - CLOCK_SLACK_MS) return undefined;
      return { platformId: `${pkg}:${reviewId}:reply:${dev.lastModified.seconds}` };
    },
    async send(reply) {
      const { pkg, reviewId } = target(reply);
      if (!reply.idempotencyKey.endsWith(':0'))
        throw new ChannelSendError(
          `Google Play keeps one reply per review: a second part would replace the first (${MAX_LENGTH} characters at most)`,
          'permanent',
        );
      const answer = (await api.reply(pkg, reviewId, reply.text)) as { result?: { lastEdited?: { seconds?: unknown } } };
      const edited = answer?.result?.lastEdited?.seconds;
      return { platformId: `${pkg}:${reviewId}:reply:${typeof edited === 'string' && /^\d{1,12}$/.test(edited) ? edited : Date.now()}` };
    },
  };
}
