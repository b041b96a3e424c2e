import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { threadKey } from '../../../handoff/thread-key.js';
import { deletePrefix, REDIS_URL } from '../../store/redis-test-backend.js';
import { postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { agentClient } from './agent-client.js';

interface NoReplyPage {
  mentions: {
    id: number;
    key: string;
    channel: string;
    author: string;
    text: string;
    reason: string;
    courtesy: { text: string; status: string } | null;
    handedOff: { by: string; at: number } | null;
  }[];
  next: string | null;
}

for (const backend of ['sqlite', 'redis'] as const) {
  describe(`issue 15 — GET /api/no-reply and POST /api/no-reply/:id/handoff over HTTP (${backend})`, () => {
    let service: RunningService | undefined;
    let prefix = '';
    afterEach(async () => {
      await service?.dispose();
      service = undefined;
      if (backend === 'redis') await deletePrefix(REDIS_URL, prefix);
    });

    /** A service deciding no_reply, with three thanks, a 👍 and one mention that needs a person, all decided. */
    const start = async () => {
      prefix = `first-reply-test:${randomUUID()}:`;
      service = await startService({
        UNDERSTANDING: 'keyword',
        NO_REPLY_DECISIONS: 'true',
        ...(backend === 'redis' ? { REDIS_URL, REDIS_PREFIX: prefix } : {}),
      });
      const posted: Record<string, string> = {};
      for (const [author, text] of [
        ['@ann', '@acme thanks so much, you guys rock!'],
        ['@bo', '@acme 👍'],
        ['@cy', '@acme cheers!'],
        ['@di', '@acme why was I charged twice on my card?'],
        ['@ed', '@acme thank you!!'],
      ]) {
        const res = await postJson(`${service.url}/sandbox/mentions`, { author, text });
        expect(res.status).toBe(202);
        posted[author!] = res.body.threadId;
      }
      await waitFor(async () => (((await service!.store.stats()).mentions.received ?? 0) === 0 ? true : undefined), 15_000, 'all decided');
      return posted;
    };

    it('lists them newest first with reason and courtesy reply, filters by reason, pages with a cursor; refuses bad input', {
      timeout: 60_000,
    }, async () => {
      const posted = await start();
      const ann = await agentClient(service!, 'ann');
      const all = (await ann.call('GET', '/api/no-reply')).body as NoReplyPage;
      expect(all.next).toBeNull();
      expect(all.mentions.map((m) => [m.author, m.reason])).toEqual([
        ['@ed', 'courtesy'],
        ['@cy', 'courtesy'],
        ['@bo', 'noise'],
        ['@ann', 'courtesy'],
      ]);
      expect(all.mentions[3]).toMatchObject({
        key: threadKey('sandbox', posted['@ann']!),
        channel: 'sandbox',
        text: '@acme thanks so much, you guys rock!',
        courtesy: { text: 'Glad we could help, @ann!' },
        handedOff: null,
      });
      expect(all.mentions[2]!.courtesy).toBeNull();

      expect(((await ann.call('GET', '/api/no-reply?filter=noise')).body as NoReplyPage).mentions.map((m) => m.author)).toEqual(['@bo']);
      expect(((await ann.call('GET', '/api/no-reply?filter=spam')).body as NoReplyPage).mentions).toEqual([]);
      const first = (await ann.call('GET', '/api/no-reply?limit=3')).body as NoReplyPage;
      expect(first.mentions).toHaveLength(3);
      expect(first.next).toBe(String(first.mentions[2]!.id));
      const second = (await ann.call('GET', `/api/no-reply?limit=3&after=${first.next}`)).body as NoReplyPage;
      expect([...first.mentions, ...second.mentions].map((m) => m.id)).toEqual(all.mentions.map((m) => m.id));
      expect(second.next).toBeNull();
      // A page larger than the maximum is cut to it, not refused.
      expect((await ann.call('GET', '/api/no-reply?limit=999999')).status).toBe(200);

      for (const query of [
        'limit=0',
        'limit=-1',
        'limit=abc',
        'limit=1000000',
        'after=0',
        'after=-5',
        'after=abc',
        'after=12345678901234567',
        'after=9007199254740993',
        'filter=urgent',
        'filter=',
        'reason=spam',
      ]) {
        const res = await ann.call('GET', `/api/no-reply?${query}`);
        expect(res.status, query).toBe(400);
        expect(typeof res.body.error === 'string' || typeof res.body.message === 'string', query).toBe(true);
      }
      expect((await fetch(`${service!.url}/api/no-reply`)).status).toBe(401);
      const editor = await agentClient(service!, 'eve', ['editor']);
      expect((await editor.call('GET', '/api/no-reply')).status).toBe(403);
      expect((await editor.call('POST', `/api/no-reply/${all.mentions[0]!.id}/handoff`, {})).status).toBe(403);
    });

    it('an agent turns one into a handoff: in the queue with its thread, audited, once; the SLA report still counts it apart', {
      timeout: 60_000,
    }, async () => {
      const posted = await start();
      const ann = await agentClient(service!, 'ann');
      const bob = await agentClient(service!, 'bob');
      const noise = ((await ann.call('GET', '/api/no-reply?filter=noise')).body as NoReplyPage).mentions[0]!;
      const key = threadKey('sandbox', posted['@bo']!);

      // Forged from another site with the agent's cookie: refused before anything changes.
      const forged = await fetch(`${service!.url}/api/no-reply/${noise.id}/handoff`, {
        method: 'POST',
        headers: { cookie: ann.cookie, 'content-type': 'application/json', origin: 'https://evil.example' },
        body: '{}',
      });
      expect(forged.status).toBe(403);
      const form = await fetch(`${service!.url}/api/no-reply/${noise.id}/handoff`, {
        method: 'POST',
        headers: { cookie: ann.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a=1',
      });
      expect(form.status).toBe(415);
      expect(
        (
          await fetch(`${service!.url}/api/no-reply/${noise.id}/handoff`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
          })
        ).status,
      ).toBe(401);
      expect((await ann.call('GET', `/api/threads/${key}`)).body.thread.state).toBe('bot');

      const made = await ann.call('POST', `/api/no-reply/${noise.id}/handoff`, {});
      expect(made.status).toBe(200);
      expect(made.body).toMatchObject({ created: true, key, state: 'waiting', handedOff: { by: 'ann' } });
      const again = await bob.call('POST', `/api/no-reply/${noise.id}/handoff`, {});
      expect(again.body).toMatchObject({ created: false, key, state: 'waiting', handedOff: { by: 'ann' } });

      const queue = (await ann.call('GET', '/api/queue')).body as {
        threads: { key: string; author: string; lastText: string; state: string }[];
      };
      expect(queue.threads.filter((t) => t.key === key)).toEqual([
        expect.objectContaining({ author: '@bo', lastText: '@acme 👍', state: 'waiting' }),
      ]);
      expect(queue.threads).toHaveLength(2);
      const thread = (await ann.call('GET', `/api/threads/${key}`)).body as {
        events: { type: string; actor: string }[];
        transcript: { from: string; text: string }[];
      };
      expect(thread.events.filter((e) => e.type === 'hand_off')).toEqual([expect.objectContaining({ actor: 'ann' })]);
      expect(thread.transcript.map((t) => t.text)).toEqual(['@acme 👍']);
      expect(((await ann.call('GET', '/api/no-reply?filter=noise')).body as NoReplyPage).mentions[0]!.handedOff).toMatchObject({
        by: 'ann',
      });
      // Claimed and answered like any handoff.
      expect((await bob.call('POST', `/api/threads/${key}/claim`, {})).status).toBe(200);

      for (const [id, status] of [
        ['999999', 404],
        ['abc', 400],
        ['0', 400],
        ['12345678901234567', 400],
      ] as const) {
        expect((await ann.call('POST', `/api/no-reply/${id}/handoff`, {})).status, id).toBe(status);
      }
      expect((await ann.call('POST', `/api/no-reply/${noise.id}/handoff`, { force: true })).status).toBe(400);
      // A mention the bot handed off itself is not a no-reply one.
      const handedOff = (await service!.store.getMention(noise.id + 2))!;
      expect(handedOff).toMatchObject({ author: '@di', status: 'handed_off' });
      expect((await ann.call('POST', `/api/no-reply/${handedOff.id}/handoff`, {})).status).toBe(404);

      const day = await waitFor(
        async () => {
          const d = (await ann.call('GET', '/api/reports/sla?days=1')).body.days.at(-1);
          return d?.acknowledged.within1m === 1 ? d : undefined;
        },
        5000,
        'the report',
      );
      expect(day).toMatchObject({ mentions: 1, noReply: 4 });
    });
  });
}
