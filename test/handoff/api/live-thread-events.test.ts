import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { changesQueue, type HandoffEvent } from '../../../store/handoff-events.js';
import { threadKey } from '../../../handoff/thread-key.js';
import { startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { deletePrefix, REDIS_URL } from '../../store/redis-test-backend.js';
import { standInChannel } from '../stand-in-channel.js';
import { agentClient, type AgentClient } from './agent-client.js';

/** Reads `GET /api/events` as a console does, collecting every thread event. */
async function openStream(service: RunningService, agent: AgentClient) {
  const res = await fetch(`${service.url}/api/events`, { headers: { cookie: agent.cookie } });
  const reader = res.body!.getReader();
  const events: HandoffEvent[] = [];
  let buffer = '';
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += new TextDecoder().decode(value);
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame.split('\n').find((l) => l.startsWith('data: '));
        if (frame.includes('event: thread') && data) events.push(JSON.parse(data.slice(6)) as HandoffEvent);
        end = buffer.indexOf('\n\n');
      }
    }
  })();
  return {
    events,
    /** Waits for an event of `type` on thread `key`. */
    next: (key: string, type: string) =>
      waitFor(() => events.find((e) => e.key === key && e.type === type), 15_000, `a ${type} event on the thread`),
    close: async () => {
      await reader.cancel();
      await pump;
    },
  };
}

/** The thread's replies as the agent API shows them. */
const replies = async (agent: AgentClient, key: string) =>
  ((await agent.call('GET', `/api/threads/${key}`)).body.transcript as { from: string; status?: string; reason?: string }[]).filter(
    (i) => i.from === 'bot',
  );

describe('issue 17 live thread view — the events of a bot-owned thread reach the consoles', () => {
  const opened: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of opened.splice(0).reverse()) await close();
  });

  for (const backend of ['sqlite', 'redis'] as const) {
    it(`${backend}: a mention, its reply queued, sent, retried with the platform's reason, and given up`, async () => {
      const prefix = `first-reply-test:${randomUUID()}:`;
      const platform = standInChannel();
      const service = await startService(
        {
          UNDERSTANDING: 'keyword',
          OUTBOX_RETRY_BASE_MS: '50',
          OUTBOX_MAX_ATTEMPTS: '2',
          ...(backend === 'redis' ? { REDIS_URL, REDIS_PREFIX: prefix } : {}),
        },
        { channels: [platform.channel] },
      );
      opened.push(async () => {
        await service.dispose();
        if (backend === 'redis') await deletePrefix(REDIS_URL, prefix);
      });
      const ann = await agentClient(service, 'ann');
      const stream = await openStream(service, ann);
      opened.push(stream.close);

      // The bot answers: the mention and its reply queued, then sent (held first, so the pending state is seen).
      platform.plan('hold');
      const first = await platform.mention('@ann_c', '@acme my parcel is two weeks late');
      const key = threadKey('standin', first.threadId);
      const mention = await stream.next(key, 'mention');
      expect(mention).toMatchObject({ channel: 'standin', threadId: first.threadId, state: null, actor: '@ann_c' });
      await stream.next(key, 'reply_queued');
      expect((await replies(ann, key)).map((r) => r.status)).toEqual(['pending']);
      await waitFor(() => platform.holding() || undefined, 10_000, 'the send held');
      platform.release();
      await stream.next(key, 'reply_sent');
      expect((await replies(ann, key)).map((r) => r.status)).toEqual(['sent']);
      // Activity of a thread the bot holds leaves the queue as it was.
      expect(stream.events.filter((e) => e.key === key).some(changesQueue)).toBe(false);

      // Another customer's answer fails for now: retried, the platform's reason shown on the pending reply; then it goes out.
      platform.plan({ transient: 'HTTP 503 <b>over capacity</b>' }, 'hold');
      const second = await platform.mention('@bo_c', '@acme my parcel is two weeks late');
      const secondKey = threadKey('standin', second.threadId);
      await stream.next(secondKey, 'reply_retry');
      await waitFor(() => platform.holding() || undefined, 10_000, 'the second try held');
      expect((await replies(ann, secondKey))[0]).toMatchObject({ status: 'pending', reason: 'HTTP 503 <b>over capacity</b>' });
      platform.release();
      await stream.next(secondKey, 'reply_sent');
      expect((await replies(ann, secondKey))[0]).toMatchObject({ status: 'sent' });
      expect((await replies(ann, secondKey))[0]!.reason).toBeUndefined();

      // A third is refused for good: given up, the thread goes to a person, with the reason.
      platform.plan({ permanent: 'HTTP 403 the post was deleted' });
      const third = await platform.mention('@cy_c', '@acme my parcel is two weeks late');
      const thirdKey = threadKey('standin', third.threadId);
      const failed = await stream.next(thirdKey, 'reply_failed');
      expect(failed.state).toBe('waiting');
      expect(changesQueue(failed)).toBe(true);
      const shown = await replies(ann, thirdKey);
      expect(shown.map((r) => r.status)).toEqual(['failed']);
      expect(shown[0]!.reason).toBe('reply could not be sent: standin refused it: HTTP 403 the post was deleted');
      // One event per kind, thread and step: the first thread's mention, its replies queued and sent, once each.
      const types = stream.events.filter((e) => e.key === key).map((e) => e.type);
      expect(types).toEqual(['mention', 'reply_queued', 'reply_sent']);
    }, 60_000);
  }

  it('tells which events change the queue: ownership always, activity only for a mention in an open thread', () => {
    expect(changesQueue({ type: 'claim', state: 'agent' })).toBe(true);
    expect(changesQueue({ type: 'reply_failed', state: 'bot' })).toBe(true);
    expect(changesQueue({ type: 'mention', state: null })).toBe(false);
    expect(changesQueue({ type: 'mention', state: 'waiting' })).toBe(true);
    expect(changesQueue({ type: 'reply_sent', state: null })).toBe(false);
    expect(changesQueue({ type: 'reply_retry', state: null })).toBe(false);
  });
});
