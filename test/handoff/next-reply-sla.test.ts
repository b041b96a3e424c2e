import { randomUUID } from 'node:crypto';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { threadKey } from '../../handoff/thread-key.js';
import { postJson, startService, waitFor, type RunningService } from '../helpers/start-service.js';
import { deletePrefix, REDIS_URL } from '../store/redis-test-backend.js';
import { agentClient } from './api/agent-client.js';

const HOOK = 'https://hooks.slack.example';
const HOOK_PATH = '/services/T000/B000/next-reply';
const M = 60_000;

/** Issue 17: a customer's follow-up left past the next-reply target tells the team once and is counted, on both stores. */
describe('next-reply SLA: the team notice and the breach metric', () => {
  let service: RunningService | undefined;
  const prefixes: string[] = [];
  let offset = 0;
  const now = () => Date.now() + offset;

  beforeEach(() => {
    offset = 0;
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  });
  afterEach(async () => {
    await service?.dispose();
    service = undefined;
    for (const p of prefixes.splice(0)) await deletePrefix(REDIS_URL, p);
    nock.cleanAll();
    nock.enableNetConnect();
  });

  for (const backend of ['sqlite', 'redis'] as const) {
    it(`${backend}: one notice per unanswered follow-up past the target, none before it or once answered; counted in /metrics`, async () => {
      const bodies: unknown[] = [];
      nock(HOOK)
        .post(HOOK_PATH, (b) => (bodies.push(b), true))
        .times(20)
        .reply(200, 'ok');
      const prefix = `fr-test-next-sla-${randomUUID()}:`;
      if (backend === 'redis') prefixes.push(prefix);
      service = await startService(
        {
          UNDERSTANDING: 'keyword',
          TEAM_WEBHOOK_URL: `${HOOK}${HOOK_PATH}`,
          HUMAN_NEXT_REPLY_TARGET_MINUTES: '10',
          ...(backend === 'redis' ? { REDIS_URL, REDIS_PREFIX: prefix } : {}),
        },
        { now },
      );
      const s = service;
      const ann = await agentClient(s, 'ann');
      const nextNotices = () => bodies.map((b) => JSON.stringify(b)).filter((b) => b.includes('Next-reply target missed'));
      const breaches = async () => {
        const text = await (await fetch(`${s.url}/metrics`)).text();
        return Number(/^first_reply_next_reply_sla_breaches_total (\d+)/m.exec(text)?.[1]);
      };
      const thread = async (key: string) => (await ann.call('GET', `/api/threads/${key}`)).body;

      const posted = await postJson(`${s.url}/sandbox/mentions`, { author: '@carol', text: 'why was I charged twice on my card?' });
      const key = threadKey('sandbox', posted.body.threadId);
      await waitFor(async () => ((await thread(key))?.thread?.state === 'waiting' ? true : undefined), 10_000, 'the handoff');
      expect((await ann.call('POST', `/api/threads/${key}/claim`, {})).status).toBe(200);
      expect((await ann.call('POST', `/api/threads/${key}/reply`, { text: 'Sorry Carol, checking now.' })).status).toBe(202);
      const followUp = async (text: string) => {
        await postJson(`${s.url}/sandbox/mentions`, { author: '@carol', text, inReplyTo: posted.body.postId });
        await waitFor(async () => ((await thread(key))?.thread?.customerRepliedAt ? true : undefined), 10_000, 'the follow-up');
      };

      await followUp('charged a third time <!channel>');
      offset = 9 * M;
      await s.handoff.tick();
      expect(nextNotices()).toEqual([]);
      expect(await breaches()).toBe(0);
      offset = 11 * M;
      await s.handoff.tick();
      await s.handoff.tick();
      await waitFor(() => (nextNotices().length >= 1 ? true : undefined), 5000, 'the next-reply notice');
      expect(nextNotices()).toHaveLength(1);
      expect(nextNotices()[0]).toContain('charged a third time');
      expect(nextNotices()[0]).not.toContain('<!channel>');
      expect(await breaches()).toBe(1);
      const events = (await thread(key)).events.map((e: { type: string }) => e.type);
      expect(events.filter((t: string) => t === 'sla_next_breach')).toHaveLength(1);
      // No first-response notice: a person answered the handoff in time.
      expect(bodies.map((b) => JSON.stringify(b)).filter((b) => b.includes('Response target'))).toEqual([]);

      // Answered: the clock stops. A second follow-up starts its own, and gets its own notice.
      expect((await ann.call('POST', `/api/threads/${key}/reply`, { text: 'Refund sent.' })).status).toBe(202);
      await waitFor(async () => ((await thread(key))?.thread?.customerRepliedAt === null ? true : undefined), 10_000, 'the answer');
      offset = 30 * M;
      await s.handoff.tick();
      expect(nextNotices()).toHaveLength(1);
      await followUp('it has not arrived');
      offset = 41 * M;
      await s.handoff.tick();
      await s.handoff.tick();
      await waitFor(() => (nextNotices().length >= 2 ? true : undefined), 5000, 'the second notice');
      expect(nextNotices()).toHaveLength(2);
      expect(await breaches()).toBe(2);
    }, 60_000);
  }
});
