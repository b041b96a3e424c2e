import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { threadKey } from '../../../handoff/thread-key.js';
import { postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { agentClient, type AgentClient } from './agent-client.js';
import { deletePrefix, REDIS_URL } from '../../store/redis-test-backend.js';

/** Issue 17 over HTTP: the customer panel's API, links, notes, tags, the assignee list and who sent each reply. */
for (const backend of ['sqlite', 'redis'] as const)
  describe(`customer API (${backend})`, () => {
    const prefix = `first-reply-test:customer-api:${process.pid}:${Date.now()}:`;
    let service: RunningService;
    let ann: AgentClient;

    const post = async (author: string, text: string, inReplyTo?: string) => {
      const res = await postJson(`${service.url}/sandbox/mentions`, { author, text, ...(inReplyTo ? { inReplyTo } : {}) });
      expect(res.status).toBe(202);
      return res.body as { threadId: string; postId: string };
    };
    const decided = () =>
      waitFor(async () => (((await service.store.stats()).mentions.received ?? 0) === 0 ? true : undefined), 20_000, 'all decided');
    const customerPath = (channel: string, author: string) => `/api/customers/${channel}/${encodeURIComponent(author)}`;

    beforeEach(async () => {
      service = await startService({
        UNDERSTANDING: 'keyword',
        NO_REPLY_DECISIONS: 'true',
        ...(backend === 'redis' ? { REDIS_URL, REDIS_PREFIX: prefix } : {}),
      });
      ann = await agentClient(service, 'ann', ['agent'], 'token');
    });
    afterEach(async () => {
      await service.dispose();
      if (backend === 'redis') await deletePrefix(REDIS_URL, prefix);
    });

    it("lists the author's threads newest first with their outcome; links another identity and undoes it", async () => {
      const parcel = await post('@carol', '@acme my parcel is two weeks late');
      const charged = await post('@carol', '@acme why was I charged twice on my card?');
      const thanks = await post('@carol', '@acme thanks, all sorted!');
      const other = await post('@carol2', '@acme my card was charged twice again');
      await decided();
      const view = await ann.call('GET', customerPath('sandbox', '@carol'));
      expect(view.status).toBe(200);
      expect(view.body.customer).toEqual({ id: null, identities: [{ channel: 'sandbox', author: '@carol' }], notes: null });
      expect(view.body.total).toBe(3);
      expect(view.body.channels).toEqual(['sandbox']);
      expect(view.body.threads.map((t: { threadId: string; outcome: { kind: string } }) => [t.threadId, t.outcome.kind])).toEqual([
        [thanks.threadId, 'courtesy'],
        [charged.threadId, 'waiting'],
        [parcel.threadId, 'answered'],
      ]);
      expect(view.body.threads[2]).toMatchObject({
        key: threadKey('sandbox', parcel.threadId),
        state: 'bot',
        author: '@carol',
        text: '@acme my parcel is two weeks late',
        outcome: { label: 'Answered by the bot: parcel-delays' },
      });

      // Resolved by a person: that is the outcome shown.
      const key = threadKey('sandbox', charged.threadId);
      await ann.call('POST', `/api/threads/${key}/claim`, {});
      await ann.call('POST', `/api/threads/${key}/resolve`, {});
      expect((await ann.call('GET', `${customerPath('sandbox', '@carol')}?limit=2`)).body.threads[1].outcome).toEqual({
        kind: 'resolved',
        label: 'Resolved by ann',
      });

      const linked = await ann.call('POST', '/api/customers/link', {
        identity: { channel: 'sandbox', author: '@carol' },
        with: { channel: 'sandbox', author: '@carol2' },
      });
      expect(linked.status).toBe(200);
      expect(linked.body.customer.identities).toEqual([
        { channel: 'sandbox', author: '@carol' },
        { channel: 'sandbox', author: '@carol2' },
      ]);
      expect(linked.body.total).toBe(4);
      expect(linked.body.threads[0].threadId).toBe(other.threadId);
      // From the other identity: the same customer and the same four threads.
      const fromOther = await ann.call('GET', customerPath('sandbox', '@carol2'));
      expect(fromOther.body.customer.id).toBe(linked.body.customer.id);
      expect(fromOther.body.total).toBe(4);

      const unlinked = await ann.call('POST', '/api/customers/unlink', { identity: { channel: 'sandbox', author: '@carol2' } });
      expect(unlinked.body).toMatchObject({ customer: { id: null, identities: [{ author: '@carol2' }] }, total: 1 });
      expect((await ann.call('GET', customerPath('sandbox', '@carol'))).body.total).toBe(3);
    });

    it('refuses a link to an identity that never posted, to itself, and bad input, with clear 4xx', async () => {
      await post('@carol', '@acme why was I charged twice on my card?');
      await decided();
      const carol = { channel: 'sandbox', author: '@carol' };
      const typo = await ann.call('POST', '/api/customers/link', {
        identity: carol,
        with: { channel: 'mastodon', author: '@carol@mastodn.social' },
      });
      expect(typo).toMatchObject({
        status: 404,
        body: { statusCode: 404, error: 'Not Found', message: expect.stringContaining('check the handle') },
      });
      expect((await ann.call('POST', '/api/customers/link', { identity: carol, with: carol })).status).toBe(400);
      for (const body of [
        { identity: carol, with: { channel: 'Sand Box', author: '@x' } },
        { identity: carol, with: { channel: 'sandbox', author: '@x\u0000y' } },
        { identity: carol, with: { channel: 'sandbox', author: 'x'.repeat(257) } },
        { identity: carol },
        { identity: carol, with: carol, extra: 1 },
      ])
        expect((await ann.call('POST', '/api/customers/link', body)).status).toBe(400);
      expect((await ann.call('GET', '/api/customers/BAD/%40carol')).status).toBe(400);
      expect((await ann.call('GET', `${customerPath('sandbox', '@carol')}?limit=0`)).status).toBe(400);
      expect((await fetch(`${service.url}${customerPath('sandbox', '@carol')}`)).status).toBe(401);
      const editor = await agentClient(service, 'ed', ['editor'], 'token');
      expect((await editor.call('GET', customerPath('sandbox', '@carol'))).status).toBe(403);
      expect((await editor.call('GET', '/api/assignees')).status).toBe(403);
    });

    it('keeps customer notes across threads with a version check: a stale save gets 409 with the notes as they are', async () => {
      await post('@carol', '@acme why was I charged twice on my card?');
      await decided();
      const notes = `${customerPath('sandbox', '@carol')}/notes`;
      const saved = await ann.call('PUT', notes, { text: 'Refunded once already.\r\nPrefers \u202Eemail\u202C.\u200B', version: 0 });
      expect(saved.body.customer.notes).toMatchObject({ text: 'Refunded once already.\nPrefers email.', by: 'ann', version: 1 });
      const bob = await agentClient(service, 'bob', ['agent'], 'token');
      const stale = await bob.call('PUT', notes, { text: 'overwrite', version: 0 });
      expect(stale).toMatchObject({
        status: 409,
        body: { message: expect.stringContaining('ann changed these notes'), customer: { notes: { version: 1 } } },
      });
      expect((await bob.call('PUT', notes, { text: 'x'.repeat(4001), version: 1 })).status).toBe(400);
      expect((await bob.call('PUT', notes, { text: 'Prefers email.', version: 1 })).body.customer.notes.text).toBe('Prefers email.');
      expect((await ann.call('GET', customerPath('sandbox', '@carol'))).body.customer.notes).toMatchObject({
        text: 'Prefers email.',
        by: 'bob',
        version: 2,
      });
    });

    it('tags a thread (normalised, once), shows the tags in the queue row, removes them; refuses bad tags', async () => {
      const { threadId } = await post('@carol', '@acme why was I charged twice on my card?');
      await decided();
      const key = threadKey('sandbox', threadId);
      expect((await ann.call('POST', `/api/threads/${key}/tags`, { tag: '  Billing  ' })).body.tags).toEqual(['billing']);
      expect((await ann.call('POST', `/api/threads/${key}/tags`, { tag: 'VIP customer' })).body.tags).toEqual(['billing', 'vip customer']);
      expect((await ann.call('POST', `/api/threads/${key}/tags`, { tag: 'billing' })).body.tags).toEqual(['billing', 'vip customer']);
      for (const tag of ['', 'a\u202Eb', '<script>', 'x'.repeat(33), '-lead'])
        expect((await ann.call('POST', `/api/threads/${key}/tags`, { tag })).status).toBe(400);
      expect((await ann.call('POST', `/api/threads/${threadKey('sandbox', 'nope')}/tags`, { tag: 'x' })).status).toBe(404);
      expect((await ann.call('GET', '/api/queue')).body.threads[0].tags).toEqual(['billing', 'vip customer']);
      expect((await ann.call('DELETE', `/api/threads/${key}/tags/${encodeURIComponent('VIP customer')}`)).body.tags).toEqual(['billing']);
      expect((await ann.call('GET', `/api/threads/${key}/tags`)).body.tags).toEqual(['billing']);
      const events = (await ann.call('GET', `/api/threads/${key}`)).body.events.map(
        (e: { type: string; actor: string }) => `${e.type}:${e.actor}`,
      );
      expect(events.filter((e: string) => e.includes('tag'))).toEqual(['tag:ann', 'tag:ann', 'untag:ann']);
    });

    it('lists the people a thread can be given to for any agent; the transcript names the agent beside the brand handle', async () => {
      await agentClient(service, 'bob', ['agent'], 'token');
      await agentClient(service, 'ed', ['editor'], 'token');
      await agentClient(service, 'root', ['admin'], 'token');
      expect((await ann.call('GET', '/api/assignees')).body).toEqual({ assignees: [{ name: 'ann' }, { name: 'bob' }, { name: 'root' }] });

      const { threadId } = await post('@carol', '@acme why was I charged twice on my card?');
      await decided();
      const key = threadKey('sandbox', threadId);
      await ann.call('POST', `/api/threads/${key}/claim`, {});
      await ann.call('POST', `/api/threads/${key}/reply`, { text: 'Refunded, Carol.' });
      const transcript = (await ann.call('GET', `/api/threads/${key}`)).body.transcript;
      expect(transcript.find((t: { from: string }) => t.from === 'agent')).toMatchObject({
        agent: 'ann',
        postedAs: '@acme',
        text: 'Refunded, Carol.',
      });
      expect(transcript.find((t: { from: string }) => t.from === 'bot')).toMatchObject({ postedAs: '@acme' });
      expect(transcript.find((t: { from: string }) => t.from === 'bot').agent).toBeUndefined();
    });

    it('is in the OpenAPI document with its role', async () => {
      const doc = (await (await fetch(`${service.url}/openapi.json`)).json()) as {
        paths: Record<string, Record<string, { 'x-role'?: string }>>;
      };
      expect(doc.paths['/api/customers/{channel}/{author}']?.get?.['x-role']).toBe('agent');
      expect(doc.paths['/api/customers/link']?.post?.['x-role']).toBe('agent');
      expect(doc.paths['/api/customers/unlink']?.post?.['x-role']).toBe('agent');
      expect(doc.paths['/api/customers/{channel}/{author}/notes']?.put?.['x-role']).toBe('agent');
      expect(doc.paths['/api/threads/{key}/tags']?.post?.['x-role']).toBe('agent');
      expect(doc.paths['/api/threads/{key}/tags/{tag}']?.delete?.['x-role']).toBe('agent');
      expect(doc.paths['/api/assignees']?.get?.['x-role']).toBe('agent');
    });
  });
