import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createGbpChannel } from '../../../../bot/channels/gbp/gbp-channel.js';
import { platformService, storedMentions } from '../../../helpers/platform-service.js';
import { type RunningService, waitFor } from '../../../helpers/start-service.js';
import { ACCOUNT, ANN_REVIEW, GBP_API, gbpEnv, LOCATION, reviewsNow, tokenStandIn } from './gbp-stand-in.js';

/**
 * A Business Profile stand-in holding each review's one reply. `cut` says, per PUT, whether the
 * connection is cut after Google stored the reply ('after'), before ('before'), or not at all.
 */
function profile(
  cut: ('after' | 'before' | 'none')[],
  meanwhile?: (replyOf: Map<string, { comment: string; updateTime: string }>) => void,
) {
  const state = { list: reviewsNow(), puts: [] as string[], reads: 0 };
  const replyOf = new Map<string, { comment: string; updateTime: string }>();
  tokenStandIn();
  nock(GBP_API)
    .get(`/v4/accounts/${ACCOUNT}/locations/${LOCATION}/reviews`)
    .query(true)
    .times(20)
    .reply(() => [200, state.list]);
  nock(GBP_API)
    .get(`/v4/${ANN_REVIEW}`)
    .times(20)
    .reply(() => {
      state.reads++;
      const r = state.list.reviews[0]!;
      return [200, { ...r, ...(replyOf.has(r.name) ? { reviewReply: replyOf.get(r.name) } : {}) }];
    });
  for (const how of cut) {
    nock(GBP_API)
      .put(`/v4/${ANN_REVIEW}/reply`)
      .reply(function (_uri, body) {
        const reply = { comment: (body as { comment: string }).comment, updateTime: new Date().toISOString() };
        state.puts.push(reply.comment);
        if (how !== 'before') replyOf.set(ANN_REVIEW, reply);
        else meanwhile?.(replyOf);
        if (how === 'none') return [200, reply];
        this.req.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
        return [200, {}];
      });
  }
  return { state, replyOf };
}

const sentCount = (service: RunningService, n: number) =>
  waitFor(async () => ((await service.store.stats()).outbox.sent === n ? true : undefined), 10_000, `${n} sent`);

describe('Google Business Profile reviews', () => {
  const startWith = platformService(gbpEnv, (s) => createGbpChannel(s.gbp!));

  it('the connection cut after Google stored the reply: the retry reads the review, finds it, and sends nothing', async () => {
    const { state } = profile(['after', 'none']);
    const { service, channel } = await startWith();
    // The poll at start may have taken it in already: then this one finds a duplicate.
    await channel.pollOnce();
    await sentCount(service, 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(state.puts).toHaveLength(1);
    expect(state.reads).toBeGreaterThanOrEqual(1);
  });

  it('a late retry never replaces a reply written after it was queued (by a person in Google)', async () => {
    // While the first attempt's outcome is unknown, someone answers the review in Business Profile.
    const { state, replyOf } = profile(['before', 'none'], (replies) =>
      replies.set(ANN_REVIEW, { comment: 'Answered by Dana by phone.', updateTime: new Date(Date.now() + 1000).toISOString() }),
    );
    const { service, channel } = await startWith();
    await channel.pollOnce();
    await sentCount(service, 1);
    expect(state.puts).toHaveLength(1);
    expect(replyOf.get(ANN_REVIEW)!.comment).toBe('Answered by Dana by phone.');
  });

  it('an edited review is a new mention in the same thread, and its reply replaces the earlier one', async () => {
    const { state, replyOf } = profile(['none', 'none']);
    const { service, channel } = await startWith();
    await channel.pollOnce();
    await sentCount(service, 1);
    // Ann edits her review: a newer updateTime, the new text; the earlier reply is older than the edit.
    const review = state.list.reviews[0]!;
    review.updateTime = new Date(Date.now() + 2000).toISOString();
    review.comment = 'Still no parcel, and my refund request was ignored.';
    review.reviewReply = replyOf.get(ANN_REVIEW);
    expect(await channel.pollOnce()).toBe(1);
    expect(await channel.pollOnce()).toBe(0);
    const stored = await storedMentions(service);
    expect(stored.map((m) => m.threadId)).toEqual([ANN_REVIEW, ANN_REVIEW]);
    expect(new Set(stored.map((m) => m.platformId)).size).toBe(2);
    await waitFor(async () => (state.puts.length === 2 ? true : undefined), 10_000, 'the second reply');
    expect(replyOf.get(ANN_REVIEW)!.comment).toBe(state.puts[1]);
  });
});
