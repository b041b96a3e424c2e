import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { threadKey } from '../../../handoff/thread-key.js';
import { postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { agentClient, waitForThreadState } from '../../handoff/api/agent-client.js';
import { scrape } from '../server/scrape-metrics.js';
import { deletePrefix, REDIS_URL } from '../../store/redis-test-backend.js';
import { brandPosts } from './sandbox-brand-posts.js';

describe('issue 15 no_reply — through the service: courtesy, spam and noise never reach the queue', () => {
  const services: RunningService[] = [];
  const prefixes: string[] = [];
  afterEach(async () => {
    await Promise.all(services.splice(0).map((s) => s.dispose()));
    for (const p of prefixes.splice(0)) await deletePrefix(REDIS_URL, p);
  });

  for (const backend of ['sqlite', 'redis'] as const) {
    it(`${backend}: thanks, praise and 👍 get the courtesy reply or nothing, no queue row; a thanks with a problem is handed off; the report and metrics count them`, async () => {
      const prefix = `fr-test-noreply-${randomUUID()}:`;
      if (backend === 'redis') prefixes.push(prefix);
      const s = await startService({
        UNDERSTANDING: 'keyword',
        NO_REPLY_DECISIONS: 'true',
        ...(backend === 'redis' ? { REDIS_URL, REDIS_PREFIX: prefix } : {}),
      });
      services.push(s);
      const ann = await agentClient(s, 'ann');
      const post = async (author: string, text: string) =>
        (await postJson(`${s.url}/sandbox/mentions`, { author, text })).body as { threadId: string; postId: string };

      const thanks = await post('@ann', '@acme thanks so much, you guys rock!');
      const thumbs = await post('@bob', '@acme 👍');
      const still = await post('@cy', '@acme thanks but my order is still broken');
      await waitFor(
        async () =>
          ((await s.store.stats()).mentions.received ?? 0) === 0 && ((await s.store.stats()).outbox.sent ?? 0) >= 2 ? true : undefined,
        10_000,
        'all decided',
      );

      expect(await brandPosts(s, thanks.threadId)).toEqual(['Glad we could help, @ann!']);
      expect(await brandPosts(s, thumbs.threadId)).toEqual([]);
      expect((await s.store.stats()).mentions).toEqual({ no_reply: 2, handed_off: 1 });

      // Only the thanks with a problem is in the agents' queue.
      const queue = await ann.call('GET', '/api/queue');
      expect(queue.body.threads.map((t: { key: string }) => t.key)).toEqual([threadKey('sandbox', still.threadId)]);
      expect((await s.store.getThread('sandbox', thanks.threadId))?.state).toBe('bot');
      // An agent who sees it otherwise can still take a no-reply thread over (claim works from the bot's state).
      const thumbsKey = threadKey('sandbox', thumbs.threadId);
      const thumbsThread = await ann.call('GET', `/api/threads/${thumbsKey}`);
      expect(thumbsThread.body.transcript.map((t: { from: string }) => t.from)).toEqual(['customer']);
      expect((await ann.call('POST', `/api/threads/${thumbsKey}/claim`, {})).body.thread).toMatchObject({
        state: 'agent',
        assignee: 'ann',
      });

      // The SLA report counts the two apart; the acknowledged share is over the one owed an answer.
      const report = await waitFor(
        async () => {
          const day = (await ann.call('GET', '/api/reports/sla?days=1')).body.days.at(-1);
          return day?.acknowledged.within1m === 1 ? day : undefined;
        },
        5000,
        'the report',
      );
      expect(report).toMatchObject({ mentions: 1, noReply: 2 });

      const m = await scrape(s.url);
      expect(m.value('first_reply_mentions_decided_total', { channel: 'sandbox', status: 'no_reply' })).toBe(2);
      expect(m.value('first_reply_mentions_decided_total', { channel: 'sandbox', status: 'handed_off' })).toBe(1);
      expect(m.value('first_reply_replies_sent_total', { channel: 'sandbox', kind: 'courtesy' })).toBe(1);
    });
  }

  it('a thanks in a thread a person owns goes to that person, never answered by the bot', async () => {
    const s = await startService({ UNDERSTANDING: 'keyword', NO_REPLY_DECISIONS: 'true' });
    services.push(s);
    const ann = await agentClient(s, 'ann');
    const first = (await postJson(`${s.url}/sandbox/mentions`, { author: '@dee', text: '@acme why was I charged twice on my card?' }))
      .body as { threadId: string; postId: string };
    const key = threadKey('sandbox', first.threadId);
    await waitForThreadState(ann, key, 'waiting', 'the handoff', 10_000);
    expect((await ann.call('POST', `/api/threads/${key}/claim`, {})).status).toBe(200);

    await postJson(`${s.url}/sandbox/mentions`, { author: '@dee', text: 'thanks so much!', inReplyTo: first.postId });
    await waitFor(async () => (((await s.store.stats()).mentions.received ?? 0) === 0 ? true : undefined), 10_000, 'the thanks decided');
    const thread = await ann.call('GET', `/api/threads/${key}`);
    expect(thread.body.thread).toMatchObject({ state: 'agent', assignee: 'ann' });
    expect(thread.body.transcript.filter((t: { from: string }) => t.from === 'customer').map((t: { text: string }) => t.text)).toContain(
      'thanks so much!',
    );
    expect((await s.store.stats()).mentions).toMatchObject({ routed: 1 });
    // Only the acknowledgement of the first mention went out: no courtesy from the bot.
    expect(await brandPosts(s, first.threadId)).toHaveLength(1);
  });
});
