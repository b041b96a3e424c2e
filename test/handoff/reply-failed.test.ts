import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createXChannel } from '../../bot/channels/x/x-channel.js';
import { deliverX, xChannelEnv, xMentionDelivery } from '../chaos/x-deliveries.js';
import { platformService } from '../helpers/platform-service.js';
import { waitFor } from '../helpers/start-service.js';
import { agentClient } from './api/agent-client.js';

const API = 'https://api.x.test';
const HOOK = 'https://hooks.slack.example';
const HOOK_PATH = '/services/T000/B000/reply-failed-secret';

/**
 * A reply the platform refuses for good: the customer would never be answered, so the thread goes to
 * a person, who sees why in the agent API (queue and thread) and is told through the team webhook.
 */
describe('issue 14 finding 3 — a reply given up goes to a person, who sees why', () => {
  const startWith = platformService(xChannelEnv(API), (s) => createXChannel(s.x!));

  it('finding 3: a reply X refuses (403) hands the answered thread to a person: the reason in the queue and the thread, the team notified once', async () => {
    const notices: any[] = [];
    nock(HOOK)
      .post(HOOK_PATH, (b) => (notices.push(b), true))
      .times(5)
      .reply(200, 'ok');
    let calls = 0;
    nock(API)
      .post('/2/tweets')
      .times(5)
      .reply(() => {
        calls++;
        return [403, { title: 'Forbidden', detail: 'You are not allowed to reply to this Tweet', type: 'about:blank', status: 403 }];
      });
    const { service } = await startWith({
      UNDERSTANDING: 'keyword',
      TEAM_WEBHOOK_URL: `${HOOK}${HOOK_PATH}`,
      CONSOLE_URL: 'https://reply.example/console/#/threads/{threadKey}',
    });
    // "where is my parcel?": the knowledge file answers it, so the bot holds the thread until the send fails.
    const delivery = xMentionDelivery(3, 77);
    expect(await deliverX(service.url, delivery)).toBe(200);
    const agent = await agentClient(service, 'ana');

    const row = await waitFor(
      async () => {
        const queue = await agent.call('GET', '/api/queue');
        return (queue.body.threads as any[]).find((t) => t.threadId === delivery.tweetId);
      },
      10_000,
      'the thread in the queue',
    );
    expect(row.state).toBe('waiting');
    expect(row.replyFailure.reason).toMatch(
      /^reply could not be sent: x refused it: X reply: HTTP 403 .*not allowed to reply to this Tweet/,
    );

    const thread = await agent.call('GET', `/api/threads/${row.key}`);
    expect(thread.status).toBe(200);
    expect(thread.body.thread.replyFailure).toEqual(row.replyFailure);
    expect(thread.body.transcript.find((i: any) => i.from === 'bot').status).toBe('failed');
    const events = (thread.body.events as any[]).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['reply_failed', 'state:waiting']));
    expect((await service.store.getMention(1))!.status).toBe('answered');

    await waitFor(() => (notices.length ? true : undefined), 8000, 'the team notice');
    await new Promise((r) => setTimeout(r, 300)); // a second notice would come now
    expect(notices).toHaveLength(1);
    const notice = JSON.stringify(notices[0]);
    expect(notice).toContain('A reply could not be sent: the thread waits for a person');
    expect(notice).toContain('HTTP 403');
    expect(notice).toContain(`@${JSON.parse(delivery.body).tweet_create_events[0].user.screen_name}`);
    expect(notice).toContain(encodeURIComponent(row.key));
    // Refused for good: tried once, never again.
    expect(calls).toBe(1);

    // Once a person hands it back to the bot, the reason is gone from the thread.
    expect((await agent.call('POST', `/api/threads/${row.key}/claim`, {})).status).toBe(200);
    const back = await agent.call('POST', `/api/threads/${row.key}/hand-back`, {});
    expect(back.status).toBe(200);
    expect(back.body.thread.replyFailure).toBeNull();
  }, 30_000);

  it('finding 3 (notification flood): 12 replies given up at once make one notice at once and one grouped notice, not 12', async () => {
    const notices: any[] = [];
    nock(HOOK)
      .post(HOOK_PATH, (b) => (notices.push(b), true))
      .times(20)
      .reply(200, 'ok');
    nock(API)
      .post('/2/tweets')
      .times(20)
      .reply(403, { title: 'Forbidden', detail: 'You are not allowed to reply to this Tweet', type: 'about:blank', status: 403 });
    const { service } = await startWith({
      UNDERSTANDING: 'keyword',
      TEAM_WEBHOOK_URL: `${HOOK}${HOOK_PATH}`,
      CONSOLE_URL: 'https://reply.example/console/#/threads/{threadKey}',
      TEAM_WEBHOOK_GROUP_SECONDS: '3',
    });
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) => deliverX(service.url, xMentionDelivery(i, 78))));
    expect(statuses).toEqual(Array(12).fill(200));
    await waitFor(async () => ((await service.store.stats()).outbox.failed === 12 ? true : undefined), 15_000, '12 replies given up');
    const failedNotices = () => notices.map((n) => JSON.stringify(n)).filter((n) => n.includes('could not be sent'));
    await waitFor(() => (failedNotices().length >= 2 ? true : undefined), 10_000, 'the grouped notice');
    await new Promise((r) => setTimeout(r, 3500)); // another notice would come now
    const [first, grouped, ...rest] = failedNotices();
    expect(rest).toEqual([]);
    expect(first).toContain('A reply could not be sent');
    expect(grouped).toContain('11 replies on x could not be sent');
    expect(grouped).toContain('x refused it: X reply: HTTP 403');
    expect(grouped).toContain('and 6 more in the queue');
    expect(grouped!.match(/"url":"https:\/\/reply\.example\/console\/#\/threads\/[\w%-]+"/g)).toHaveLength(5);
  }, 40_000);
});
