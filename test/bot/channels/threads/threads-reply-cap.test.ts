import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createThreadsChannel } from '../../../../bot/channels/threads/threads-channel.js';
import { platformService } from '../../../helpers/platform-service.js';
import { type RunningService, waitFor } from '../../../helpers/start-service.js';
import { THREADS_API, THREADS_USER, threadsEnv, deliverReplies } from './threads-stand-in.js';

const deliver = async (service: RunningService) => expect(await deliverReplies(service.url)).toBe(200);

/**
 * Threads refusing the publish with an error its documentation does not tie to the reply cap (none
 * is documented), and `threads_publishing_limit` answering with `used` of 1,000 (its documented shape).
 */
function threads(used: number) {
  let publishes = 0;
  nock(THREADS_API).post(`/v1.0/${THREADS_USER}/threads`).times(5).reply(200, { id: '17900000000000001' });
  nock(THREADS_API)
    .post(`/v1.0/${THREADS_USER}/threads_publish`)
    .times(5)
    .reply(() => {
      publishes++;
      return [400, { error: { message: 'Unsupported post request', type: 'THApiException', code: 100, fbtrace_id: 'AtHrEaDsCaP' } }];
    });
  nock(THREADS_API)
    .get(`/v1.0/${THREADS_USER}/threads_publishing_limit`)
    .query(true)
    .times(5)
    .reply(200, { data: [{ reply_quota_usage: used, reply_config: { quota_total: 1000, quota_duration: 86400 } }] });
  return { publishes: () => publishes };
}

describe('Threads: the reply cap (1,000 per moving 24 hours)', () => {
  const startWith = platformService(threadsEnv, (s) => createThreadsChannel(s.threads!));

  it('a publish refused while the profile is at its cap waits (rate limited), never given up', async () => {
    const stand = threads(1000);
    const { service } = await startWith();
    await deliver(service);
    await waitFor(async () => (stand.publishes() >= 1 ? true : undefined), 10_000, 'the publish tried');
    await new Promise((r) => setTimeout(r, 500));
    const outbox = (await service.store.stats()).outbox;
    expect(outbox.failed ?? 0).toBe(0);
    expect(outbox.sent ?? 0).toBe(0);
    // An hour's wait: not tried again meanwhile.
    expect(stand.publishes()).toBe(1);
  });

  it('the same refusal under the cap is a permanent failure: the thread goes to a person', async () => {
    const stand = threads(12);
    const { service } = await startWith();
    await deliver(service);
    await waitFor(async () => ((await service.store.stats()).outbox.failed === 1 ? true : undefined), 10_000, 'the reply given up');
    expect(stand.publishes()).toBe(1);
  });
});
