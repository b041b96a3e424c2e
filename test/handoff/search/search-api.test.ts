import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { threadKey } from '../../../handoff/thread-key.js';
import { deletePrefix, REDIS_URL } from '../../store/redis-test-backend.js';
import { postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { agentClient } from '../api/agent-client.js';

interface SearchPage {
  threads: {
    key: string;
    state: string;
    author: string;
    priorityLevel: string;
    topic: string | null;
    language: string | null;
    snippet: string;
  }[];
  next: string | null;
}

for (const backend of ['sqlite', 'redis'] as const) {
  describe(`issue 17 — GET /api/search, GET /api/views and notes over HTTP (${backend})`, () => {
    let service: RunningService | undefined;
    let prefix = '';
    afterEach(async () => {
      await service?.dispose();
      service = undefined;
      if (backend === 'redis') await deletePrefix(REDIS_URL, prefix);
    });

    const start = async () => {
      prefix = `first-reply-test:${randomUUID()}:`;
      service = await startService({ UNDERSTANDING: 'keyword', ...(backend === 'redis' ? { REDIS_URL, REDIS_PREFIX: prefix } : {}) });
      const posted: Record<string, string> = {};
      for (const [author, text] of [
        ['@ann', '@acme my parcel is two weeks late'],
        ['@bob', '@acme why was I charged twice on my card?'],
        ['@cy', '@acme bonjour, mon colis est perdu depuis une semaine, aidez-moi'],
      ] as const) {
        const res = await postJson(`${service.url}/sandbox/mentions`, { author, text });
        expect(res.status).toBe(202);
        posted[author] = res.body.threadId;
      }
      await waitFor(async () => (((await service!.store.stats()).mentions.received ?? 0) === 0 ? true : undefined), 15_000, 'all decided');
      return posted;
    };

    it('finds mentions, replies and notes with filters; counts the views; notes never reach the outbox; odd input is a 4xx or empty, never a 500', {
      timeout: 60_000,
    }, async () => {
      const posted = await start();
      const ann = await agentClient(service!, 'ann');
      const search = async (query: string) => {
        const res = await ann.call('GET', `/api/search?${query}`);
        expect(res.status).toBe(200);
        return res.body as SearchPage;
      };
      expect((await search('q=charged')).threads.map((t) => t.author)).toEqual(['@bob']);
      expect((await search('q=TWICE%20card')).threads[0]!.snippet).toContain('charged twice');
      expect((await search('q=colis&language=fr')).threads.map((t) => t.author)).toEqual(['@cy']);
      expect((await search('q=colis&language=en')).threads).toEqual([]);
      expect((await search('q=&state=waiting')).threads.map((t) => t.author).sort()).toEqual(['@bob', '@cy']);
      expect((await search('priority=high')).threads.map((t) => t.author)).toContain('@bob');
      expect((await search('channel=x')).threads).toEqual([]);

      const bob = threadKey('sandbox', posted['@bob']!);
      const added = await ann.call('POST', `/api/threads/${bob}/notes`, { text: 'Refund approved by finance, ticket F-221' });
      expect(added.status).toBe(201);
      expect(added.body.note).toMatchObject({ author: 'ann', text: 'Refund approved by finance, ticket F-221' });
      expect((await search('q=finance')).threads.map((t) => t.key)).toEqual([bob]);
      expect((await ann.call('GET', `/api/threads/${bob}/notes`)).body.notes.map((n: { text: string }) => n.text)).toEqual([
        'Refund approved by finance, ticket F-221',
      ]);
      // The note is not part of the conversation and nothing was queued for the platform.
      const view = (await ann.call('GET', `/api/threads/${bob}`)).body;
      expect(JSON.stringify(view.transcript)).not.toContain('finance');
      // The platform (the sandbox's thread) never heard of it.
      const platform = await (await fetch(`${service!.url}/sandbox/threads/${posted['@bob']}`)).text();
      expect(platform).toContain('charged twice');
      expect(platform).not.toContain('finance');

      expect((await ann.call('POST', `/api/threads/${bob}/notes`, { text: '   ' })).status).toBe(400);
      expect((await ann.call('POST', `/api/threads/${bob}/notes`, { text: 'x'.repeat(2001) })).status).toBe(400);
      expect((await ann.call('POST', `/api/threads/${threadKey('sandbox', 'nope')}/notes`, { text: 'hi' })).status).toBe(404);

      const views = (await ann.call('GET', '/api/views')).body.counts;
      expect(views).toMatchObject({ waiting: 2, open: 2, bot: 1, resolved: 0, closed: 0 });

      for (const bad of [
        'state=gone',
        'priority=top',
        'limit=0',
        'limit=1000',
        'after=abc',
        'language=english',
        'channel=%20x',
        'nope=1',
      ]) {
        const res = await ann.call('GET', `/api/search?${bad}`);
        expect(res.status, bad).toBe(400);
        expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      }
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 60, unit: 'binary' }), async (q) => {
          const res = await ann.call('GET', `/api/search?q=${encodeURIComponent(q)}`);
          expect(res.status).toBe(200);
        }),
        { numRuns: 60 },
      );
      for (const q of ['"', 'NEAR(a b)', 'charged*', 'a OR b', 'col:x', '^x', '-', '()', '"charged" AND "twice"']) {
        expect((await ann.call('GET', `/api/search?q=${encodeURIComponent(q)}`)).status, q).toBe(200);
      }
      // Operators are plain words: a star or quotes change nothing.
      expect((await ann.call('GET', '/api/search?q=%22charged%22*')).body.threads.map((t: { author: string }) => t.author)).toEqual([
        '@bob',
      ]);
    });
  });
}
