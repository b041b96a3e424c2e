import { afterEach, describe, expect, it } from 'vitest';
import { threadKey } from '../../../handoff/thread-key.js';
import { postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { agentClient, type AgentClient } from './agent-client.js';

/** Issue 17, lifecycle, over HTTP: customer replied, unread, next-reply SLA, confirmations, native replies, brand posts. */
describe('issue 17 lifecycle API', () => {
  let service: RunningService;
  let ann: AgentClient;
  let bob: AgentClient;

  const start = async (env: Record<string, string> = {}) => {
    service = await startService({ UNDERSTANDING: 'keyword', ...env });
    ann = await agentClient(service, 'ann');
    bob = await agentClient(service, 'bob');
  };
  afterEach(async () => {
    await service.dispose();
  });

  const thread = async (key: string) => (await ann.call('GET', `/api/threads/${key}`)).body?.thread;
  const until = (key: string, what: string, test: (t: any) => boolean) =>
    waitFor(
      async () => {
        const t = await thread(key);
        return t && test(t) ? t : undefined;
      },
      10_000,
      what,
    );
  /** A handoff claimed and answered by ann, then the customer writes again. */
  const followUp = async () => {
    const posted = await postJson(`${service.url}/sandbox/mentions`, { author: '@carol', text: 'why was I charged twice on my card?' });
    const key = threadKey('sandbox', posted.body.threadId);
    await until(key, 'the handoff', (t) => t.state === 'waiting');
    expect((await ann.call('POST', `/api/threads/${key}/claim`, {})).status).toBe(200);
    expect((await ann.call('POST', `/api/threads/${key}/reply`, { text: 'Sorry Carol, checking now.' })).status).toBe(202);
    await postJson(`${service.url}/sandbox/mentions`, {
      author: '@carol',
      text: 'my card was charged a third time',
      inReplyTo: posted.body.postId,
    });
    const t = await until(key, 'the follow-up', (x) => x.customerRepliedAt !== null);
    return { key, postId: posted.body.postId as string, thread: t };
  };

  it('a follow-up: customer replied with the unread marker and the next-reply SLA, its own filter and count; only the owner reads it', async () => {
    await start({ HUMAN_NEXT_REPLY_TARGET_MINUTES: '15' });
    const { key, thread: t } = await followUp();
    expect(t).toMatchObject({ state: 'agent', assignee: 'ann', unread: true, sla: { kind: 'next', targetMs: 15 * 60_000, state: 'ok' } });
    expect(t.understanding).not.toBeNull();
    const replied = await ann.call('GET', '/api/queue?filter=replied');
    expect(replied.body.threads.map((x: { key: string }) => x.key)).toEqual([key]);
    expect(replied.body.counts).toMatchObject({ open: 1, mine: 1, replied: 1 });
    expect((await ann.call('GET', '/api/queue?filter=nope')).status).toBe(400);

    const refused = await bob.call('POST', `/api/threads/${key}/read`, {});
    expect(refused).toMatchObject({
      status: 409,
      body: { statusCode: 409, error: 'Conflict', message: expect.stringContaining('ann owns') },
    });
    expect(await ann.call('POST', `/api/threads/${key}/read`, {})).toMatchObject({ status: 200, body: { unread: false, wasUnread: true } });
    expect(await thread(key)).toMatchObject({ unread: false, customerRepliedAt: t.customerRepliedAt });
    expect((await ann.call('POST', `/api/threads/${threadKey('sandbox', 'nope')}/read`, {})).status).toBe(404);
    expect((await ann.call('POST', `/api/threads/${key}/read`, { extra: 1 })).status).toBe(400);

    // ann answers: the follow-up's wait ends and the SLA report counts the next response.
    expect((await ann.call('POST', `/api/threads/${key}/reply`, { text: 'Refunded both.' })).status).toBe(202);
    expect(await thread(key)).toMatchObject({ customerRepliedAt: null, sla: null });
    const report = (await ann.call('GET', '/api/reports/sla?days=1')).body;
    expect(report.nextReplyTargetMs).toBe(15 * 60_000);
    expect(report.days.at(-1)).toMatchObject({ humanFirstResponse: { count: 1 }, humanNextResponse: { count: 1, withinTarget: 1 } });
  });

  it('handing back or resolving with an unanswered follow-up asks for confirmation (409 with the mention); confirmed, it goes through', async () => {
    await start();
    const { key } = await followUp();
    const refused = await ann.call('POST', `/api/threads/${key}/hand-back`, {});
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      error: 'Conflict',
      message: 'the customer wrote again and nobody has answered yet',
      unanswered: { author: '@carol', text: 'my card was charged a third time', textTruncated: false },
      thread: { state: 'agent' },
    });
    expect((await ann.call('POST', `/api/threads/${key}/resolve`, { close: true })).status).toBe(409);
    expect((await ann.call('POST', `/api/threads/${key}/hand-back`, { confirm: 'yes' })).status).toBe(400);
    const done = await ann.call('POST', `/api/threads/${key}/resolve`, { close: true, confirm: true });
    expect(done).toMatchObject({ status: 200, body: { thread: { state: 'closed', customerRepliedAt: null } } });
  });

  it('a follow-up after resolving goes back to the person who resolved it', async () => {
    await start();
    const { key, postId } = await followUp();
    await ann.call('POST', `/api/threads/${key}/reply`, { text: 'Refunded.' });
    expect((await ann.call('POST', `/api/threads/${key}/resolve`, {})).body.thread.state).toBe('resolved');
    await postJson(`${service.url}/sandbox/mentions`, { author: '@carol', text: 'the refund has not arrived', inReplyTo: postId });
    const t = await until(key, 'the reopening', (x) => x.state === 'agent');
    expect(t).toMatchObject({ assignee: 'ann', unread: true, sla: { kind: 'next' } });
    const events = (await ann.call('GET', `/api/threads/${key}`)).body.events.map((e: { type: string }) => e.type);
    expect(events).toContain('customer_replied');
  });

  it('a native brand reply resolves the thread; kept open, any agent may resolve or close it; a brand top-level post makes no thread', async () => {
    await start({ NATIVE_REPLY_RESOLVES: 'false' });
    const posted = await postJson(`${service.url}/sandbox/mentions`, { author: '@carol', text: 'why was I charged twice on my card?' });
    const key = threadKey('sandbox', posted.body.threadId);
    await until(key, 'the handoff', (t) => t.state === 'waiting');
    await postJson(`${service.url}/sandbox/mentions`, { author: '@acme', text: 'Sam here, DMing you.', inReplyTo: posted.body.postId });
    await until(key, 'the takeover', (t) => t.state === 'agent' && t.assignee === 'platform:@acme');
    // Not an admin, not the owner: the platform holds it, so any agent may finish it.
    expect((await bob.call('POST', `/api/threads/${key}/resolve`, { close: true })).body.thread.state).toBe('closed');

    // Kept open, a natively answered thread may be claimed by an agent; once a person owns it, nobody else claims it.
    const second = await postJson(`${service.url}/sandbox/mentions`, { author: '@erin', text: 'why was I charged twice on my card?' });
    const secondKey = threadKey('sandbox', second.body.threadId);
    await until(secondKey, 'the second handoff', (t) => t.state === 'waiting');
    await postJson(`${service.url}/sandbox/mentions`, { author: '@acme', text: 'Looking into it, Erin.', inReplyTo: second.body.postId });
    await until(secondKey, 'the second takeover', (t) => t.state === 'agent' && t.assignee === 'platform:@acme');
    const claimed = await ann.call('POST', `/api/threads/${secondKey}/claim`, {});
    expect(claimed.status).toBe(200);
    expect(claimed.body.thread).toMatchObject({ state: 'agent', assignee: 'ann' });
    const taken = await bob.call('POST', `/api/threads/${secondKey}/claim`, {});
    expect(taken.status).toBe(409);
    expect(taken.body.message).toBe('ann owns this thread');
    expect((await ann.call('POST', `/api/threads/${secondKey}/reply`, { text: 'Refund on its way.' })).status).toBe(202);
    expect((await ann.call('POST', `/api/threads/${secondKey}/resolve`, {})).body.thread.state).toBe('resolved');

    const own = await postJson(`${service.url}/sandbox/mentions`, { author: '@acme', text: 'Our summer sale starts today!' });
    await waitFor(
      async () => ((await service.store.getMention(own.body.mentionId))?.status === 'ignored' ? true : undefined),
      10_000,
      'the brand post decided',
    );
    expect((await service.store.getMention(own.body.mentionId))?.decision).toMatchObject({ reason: 'brand_post' });
    expect((await ann.call('GET', `/api/threads/${threadKey('sandbox', own.body.threadId)}`)).status).toBe(404);
    expect((await ann.call('GET', '/api/queue')).body.total).toBe(0);
  });
});
