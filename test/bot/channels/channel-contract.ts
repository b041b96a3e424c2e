import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../bot/channels/channel.js';
import type { ChannelSettings } from '../../../config/channel-settings.js';
import type { Mention } from '../../../store/mention.js';
import { platformService, storedMentions } from '../../helpers/platform-service.js';
import { waitFor, type RunningService } from '../../helpers/start-service.js';

/** How the platform stand-in answers one reply post: accepted, rate limited (reset ~1 s later), refused for good. */
export type StandInAnswer = 'ok' | 'rate_limited' | 'permanent';

/** A reply post as the platform stand-in received it. */
export interface PostedReply {
  at: number;
  text: string;
  /** The post (or activity, or comment) the reply was made under, as the platform names it. */
  inReplyTo: string;
}

export interface Started<C extends Channel = Channel> {
  service: RunningService;
  channel: C;
}

/**
 * What each channel gives the contract: its settings, a stand-in for its platform's HTTP API (nock,
 * shaped like the platform's documentation), and how a mention reaches it (a delivery to its webhook,
 * or a page served to its next poll).
 */
export interface ContractPlatform<C extends Channel = Channel> {
  /** The name in the test titles: x, facebook, instagram, mastodon, bluesky, botframework. */
  name: string;
  env: Record<string, string>;
  create(settings: ChannelSettings): C;
  /** Installs the stand-in; reply posts are answered with `answers` in order, the last one repeated. */
  standIn(answers: StandInAnswer[]): { posts: PostedReply[] };
  /** Brings the mention in once, the way the platform would (again: a duplicate delivery). */
  deliver(started: Started<C>): Promise<void>;
  /** What the stored mention must hold. */
  expected: Pick<Mention, 'channel' | 'platformId' | 'threadId' | 'author'> & { text: string };
  /** The platform id every reply to the mention is posted under. */
  replyUnder: string;
  /**
   * Webhook channels: starts the service as the webhook needs (with `start`) and delivers the mention
   * with forged, wrong and missing signatures; resolves with the HTTP statuses answered.
   */
  /**
   * The platform keeps one reply per thread, a new one replacing it (app store reviews): a reply too
   * long for one post goes out as its first part only, the rest refused (the thread keeps the reason).
   */
  onePostPerThread?: boolean;
  forged?(start: (extra?: Record<string, string>) => Promise<Started<C>>): Promise<{ service: RunningService; statuses: number[] }>;
}

const LONG_REPLY = Array.from({ length: 240 }, (_, i) => `word${i}`).join(' ');

async function sentCount(s: RunningService, n: number, what: string) {
  await waitFor(async () => ((await s.store.stats()).outbox.sent === n ? true : undefined), 8000, what);
}

/**
 * The one channel contract (issue 22): what every channel does the same, checked the same way on
 * each through the real service (SQLite, HTTP) with only the platform's API stood in for.
 */
export function channelContract<C extends Channel>(p: ContractPlatform<C>) {
  describe(`channel contract: ${p.name}`, () => {
    const startWith = platformService(p.env, p.create);
    const start = (extra: Record<string, string> = {}) => startWith(extra);

    it('receives a mention and stores it once, with its thread and author', async () => {
      p.standIn(['ok']);
      const started = await start();
      await p.deliver(started);
      const [stored, ...more] = await waitFor(async () => {
        const all = await storedMentions(started.service);
        return all.length ? all : undefined;
      });
      expect(more).toHaveLength(0);
      expect(stored).toMatchObject({ ...p.expected, text: expect.stringContaining(p.expected.text) });
    });

    if (p.forged) {
      it('refuses a delivery with a bad signature and stores nothing', async () => {
        const { service, statuses } = await p.forged!(start);
        expect(statuses.length).toBeGreaterThan(0);
        for (const status of statuses) expect(status).toBe(401);
        expect((await service.store.stats()).mentions).toEqual({});
      });
    }

    it('replies in the thread, under the mention', async () => {
      const { posts } = p.standIn(['ok']);
      const started = await start();
      await p.deliver(started);
      await sentCount(started.service, 1, 'the reply sent');
      expect(posts).toHaveLength(1);
      expect(posts[0]!.inReplyTo).toBe(p.replyUnder);
      expect(posts[0]!.text.length).toBeGreaterThan(0);
      expect((await started.service.store.getThread(p.expected.channel, p.expected.threadId))?.threadId).toBe(p.expected.threadId);
    });

    it("splits a long reply to the channel's limit, every part in the thread and nothing lost", async () => {
      const { posts } = p.standIn(['ok']);
      const started = await start();
      const limits = started.channel.limits;
      // Short enough to need a split wherever the limit is configurable (Bot Framework's is 4,000 by default).
      const text = limits.maxLength >= LONG_REPLY.length ? `${LONG_REPLY} ${LONG_REPLY} ${LONG_REPLY}` : LONG_REPLY;
      await p.deliver(started);
      await sentCount(started.service, 1, 'the bot reply sent');
      const ref = { channel: p.expected.channel, threadId: p.expected.threadId };
      const agent = { name: 'dana', roles: ['agent' as const] };
      expect((await started.service.handoff.actions.perform('claim', ref, agent)).ok).toBe(true);
      const queued = await started.service.handoff.actions.reply(ref, agent, text, 'contract-split');
      expect(queued.ok).toBe(true);
      expect(queued.parts.length).toBeGreaterThan(1);
      if (p.onePostPerThread) {
        await waitFor(
          async () => ((await started.service.store.stats()).outbox.failed ? true : undefined),
          8000,
          'the later parts refused',
        );
        await sentCount(started.service, 2, 'the first part sent');
        expect(posts.slice(1)).toHaveLength(1);
        expect(limits.measure(posts[1]!.text)).toBeLessThanOrEqual(limits.maxLength);
        // The person who wrote it keeps the thread, with the reason the rest did not go out.
        expect((await started.service.store.getThread(ref.channel, ref.threadId))?.state).toBe('agent');
        return;
      }
      await sentCount(started.service, 1 + queued.parts.length, 'every part sent');
      const parts = posts.slice(1);
      expect(parts).toHaveLength(queued.parts.length);
      for (const part of parts) {
        expect(limits.measure(part.text)).toBeLessThanOrEqual(limits.maxLength);
        expect(part.inReplyTo).toBe(p.replyUnder);
      }
      // Parts may go out side by side: every word is there once, whatever the order.
      expect(parts.flatMap((part) => part.text.split(' ')).sort()).toEqual(text.split(' ').sort());
    });

    it("waits out a rate limit until the platform's reset, then sends once", async () => {
      const { posts } = p.standIn(['rate_limited', 'ok']);
      const started = await start();
      await p.deliver(started);
      await sentCount(started.service, 1, 'the reply sent after the reset');
      expect(posts).toHaveLength(2);
      // Every stand-in announces a reset about a second later; retries on backoff alone come after 50 ms.
      expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(900);
      expect(posts[1]!.text).toBe(posts[0]!.text);
      expect((await started.service.store.stats()).outbox.failed ?? 0).toBe(0);
    });

    it('records a permanent failure once, never retried, and hands the thread to a person', async () => {
      const { posts } = p.standIn(['permanent']);
      const started = await start();
      await p.deliver(started);
      await waitFor(async () => ((await started.service.store.stats()).outbox.failed === 1 ? true : undefined), 8000, 'failed');
      await new Promise((r) => setTimeout(r, 300));
      expect(posts).toHaveLength(1);
      expect((await started.service.store.getThread(p.expected.channel, p.expected.threadId))?.state).toBe('waiting');
    });

    it('answers a duplicate delivery once', async () => {
      const { posts } = p.standIn(['ok']);
      const started = await start();
      await p.deliver(started);
      await p.deliver(started);
      await sentCount(started.service, 1, 'the reply sent');
      await new Promise((r) => setTimeout(r, 400));
      expect(posts).toHaveLength(1);
      expect(await storedMentions(started.service)).toHaveLength(1);
    });
  });
}
