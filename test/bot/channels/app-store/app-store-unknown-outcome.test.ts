import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createAppStoreChannel } from '../../../../bot/channels/app-store/app-store-channel.js';
import { platformService } from '../../../helpers/platform-service.js';
import { type RunningService, waitFor } from '../../../helpers/start-service.js';
import { ANN_REVIEW, APP_ID, ASC_API, appStoreEnv, reviewsNow, validToken } from './app-store-stand-in.js';

interface Stored {
  id: string;
  responseBody: string;
  lastModifiedDate: string;
}

/**
 * App Store Connect keeping each review's one response. `cut` says, per POST, whether the connection
 * is cut after Apple stored the response ('after'), before ('before'), or not at all.
 */
function connect(cut: ('after' | 'before' | 'none')[], meanwhile?: (responses: Map<string, Stored>) => void) {
  const responses = new Map<string, Stored>();
  const state = { posts: [] as string[], reads: 0 };
  const list = reviewsNow();
  nock(ASC_API).get(`/v1/apps/${APP_ID}/customerReviews`).query(true).times(20).reply(200, list);
  nock(ASC_API)
    .get(`/v1/customerReviews/${ANN_REVIEW}/response`)
    .times(20)
    .reply(function () {
      state.reads++;
      if (!validToken(this.req.headers.authorization as string)) return [401, {}];
      const r = responses.get(ANN_REVIEW);
      if (!r) return [404, { errors: [{ status: '404', code: 'NOT_FOUND' }] }];
      return [200, { data: { type: 'customerReviewResponses', id: r.id, attributes: { ...r, state: 'PUBLISHED' } } }];
    });
  for (const how of cut) {
    nock(ASC_API)
      .post('/v1/customerReviewResponses')
      .reply(function (_uri, body) {
        const text = (body as { data: { attributes: { responseBody: string } } }).data.attributes.responseBody;
        state.posts.push(text);
        const stored = {
          id: `6a1f0000-0000-0000-0000-00000000000${state.posts.length}`,
          responseBody: text,
          lastModifiedDate: new Date().toISOString(),
        };
        if (how !== 'before') responses.set(ANN_REVIEW, stored);
        else meanwhile?.(responses);
        if (how === 'none') return [201, { data: { type: 'customerReviewResponses', id: stored.id, attributes: stored } }];
        this.req.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
        return [201, {}];
      });
  }
  return { responses, state };
}

const sent = (service: RunningService) =>
  waitFor(async () => ((await service.store.stats()).outbox.sent === 1 ? true : undefined), 10_000, 'the response counted as sent');

describe('App Store: unknown outcomes reconciled (one response per review, no idempotency key)', () => {
  const startWith = platformService(appStoreEnv, (s) => createAppStoreChannel(s.appStore!));

  it('the connection cut after Apple stored the response: the retry reads it and sends nothing', async () => {
    const { state } = connect(['after', 'none']);
    const { service, channel } = await startWith();
    await channel.pollOnce();
    await sent(service);
    await new Promise((r) => setTimeout(r, 300));
    expect(state.posts).toHaveLength(1);
    expect(state.reads).toBeGreaterThanOrEqual(1);
  });

  it('the connection cut before: the retry finds no response and sends it once', async () => {
    const { state, responses } = connect(['before', 'none']);
    const { service, channel } = await startWith();
    await channel.pollOnce();
    await sent(service);
    expect(state.posts).toHaveLength(2);
    expect(responses.get(ANN_REVIEW)?.responseBody).toBe(state.posts[1]);
  });

  it('a response written in App Store Connect after this one was queued is never replaced by a late retry', async () => {
    const { state, responses } = connect(['before', 'none'], (r) =>
      r.set(ANN_REVIEW, {
        id: '6a1f0000-0000-0000-0000-0000000000aa',
        responseBody: 'Answered by Dana.',
        lastModifiedDate: new Date(Date.now() + 1000).toISOString(),
      }),
    );
    const { service, channel } = await startWith();
    await channel.pollOnce();
    await sent(service);
    expect(state.posts).toHaveLength(1);
    expect(responses.get(ANN_REVIEW)?.responseBody).toBe('Answered by Dana.');
  });
});
