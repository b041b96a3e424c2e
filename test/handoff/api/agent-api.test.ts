import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { threadKey } from '../../../handoff/thread-key.js';
import { postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { agentClient, type AgentClient, waitForThreadState } from './agent-client.js';

const sandboxThread = async (s: RunningService, threadId: string) =>
  (await (await fetch(`${s.url}/sandbox/threads/${encodeURIComponent(threadId)}`)).json()) as {
    posts: { author: string; text: string; fromBrand: boolean }[];
  };

const brandPosts = async (s: RunningService, threadId: string) =>
  (await sandboxThread(s, threadId)).posts.filter((p) => p.fromBrand).map((p) => p.text);

describe('agent API', () => {
  let service: RunningService;
  let ann: AgentClient;
  let bob: AgentClient;

  /** A customer mention the bot cannot answer: acknowledged and handed off. Returns its thread. */
  const handOff = async (text = 'why was I charged twice on my card?', author = '@carol') => {
    const posted = await postJson(`${service.url}/sandbox/mentions`, { author, text });
    expect(posted.status).toBe(202);
    const key = threadKey('sandbox', posted.body.threadId);
    await waitForThreadState(ann, key, 'waiting', 'the handoff', 10_000);
    return { key, threadId: posted.body.threadId as string, postId: posted.body.postId as string };
  };

  beforeEach(async () => {
    service = await startService({ UNDERSTANDING: 'keyword' });
    ann = await agentClient(service, 'ann');
    bob = await agentClient(service, 'bob');
  });
  afterEach(async () => {
    await service.dispose();
  });

  it('refuses anonymous callers, wrong passwords and missing roles', async () => {
    expect((await fetch(`${service.url}/api/queue`)).status).toBe(401);
    expect((await postJson(`${service.url}/api/session`, { username: 'ann', password: 'wrong-password' })).status).toBe(401);
    expect((await postJson(`${service.url}/api/session`, { username: 'nobody', password: 'wrong-password' })).status).toBe(401);
    expect((await fetch(`${service.url}/api/queue`, { headers: { authorization: 'Bearer frt_forged' } })).status).toBe(401);
    const editor = await agentClient(service, 'ed', ['editor']);
    expect((await editor.call('GET', '/api/queue')).status).toBe(403);
    // An API token works like a session; it is stored only as a digest.
    const token = await service.handoff.users.issueToken('ann');
    expect((await fetch(`${service.url}/api/queue`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    // A browser session changing state must send JSON (a cross-site form cannot).
    const { key } = await handOff();
    const form = await fetch(`${service.url}/api/threads/${key}/claim`, {
      method: 'POST',
      headers: { cookie: ann.cookie, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
    // Signing out ends the session.
    expect((await ann.call('DELETE', '/api/session')).status).toBe(204);
    expect((await ann.call('GET', '/api/queue')).status).toBe(401);
  });

  it("lists a handoff in the queue with the transcript and the bot's understanding", async () => {
    const { key } = await handOff();
    const queue = await ann.call('GET', '/api/queue');
    expect(queue.body.threads).toHaveLength(1);
    expect(queue.body.threads[0]).toMatchObject({
      key,
      state: 'waiting',
      author: '@carol',
      lastText: 'why was I charged twice on my card?',
    });
    const thread = await ann.call('GET', `/api/threads/${key}`);
    expect(thread.body.transcript.map((t: { from: string }) => t.from)).toEqual(['customer', 'bot']);
    expect(thread.body.thread.understanding).toMatchObject({ intent: expect.any(String), confidence: expect.any(Number) });
    expect(thread.body.events.map((e: { type: string }) => e.type)).toContain('state:waiting');
  });

  it('20 concurrent claims over HTTP: exactly one agent wins, the others get 409 naming the owner', async () => {
    const { key } = await handOff();
    const agents = await Promise.all(Array.from({ length: 20 }, (_, i) => agentClient(service, `agent${i}`, ['agent'], 'token')));
    const results = await Promise.all(agents.map((a) => a.call('POST', `/api/threads/${key}/claim`, {})));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const losers = results.filter((r) => r.status === 409);
    expect(losers).toHaveLength(19);
    const owner = (await ann.call('GET', `/api/threads/${key}`)).body.thread.assignee;
    expect(losers[0]!.body.message).toContain(owner);
  });

  it('walks claim, release, reassign, resolve, close and hand back; only the owner acts', async () => {
    const { key } = await handOff();
    expect((await ann.call('POST', `/api/threads/${key}/claim`, {})).body.thread).toMatchObject({ state: 'agent', assignee: 'ann' });
    expect((await bob.call('POST', `/api/threads/${key}/release`, {})).status).toBe(409);
    expect((await bob.call('POST', `/api/threads/${key}/reply`, { text: 'hi' })).status).toBe(409);
    expect((await ann.call('POST', `/api/threads/${key}/reassign`, { to: 'nobody' })).status).toBe(409);
    expect((await ann.call('POST', `/api/threads/${key}/reassign`, { to: 'bob' })).body.thread.assignee).toBe('bob');
    expect((await bob.call('POST', `/api/threads/${key}/release`, {})).body.thread).toMatchObject({ state: 'waiting', assignee: null });
    expect((await bob.call('POST', `/api/threads/${key}/claim`, {})).status).toBe(200);
    expect((await bob.call('POST', `/api/threads/${key}/resolve`, {})).body.thread.state).toBe('resolved');
    expect((await ann.call('GET', '/api/queue')).body.threads).toHaveLength(0);
    expect((await bob.call('POST', `/api/threads/${key}/resolve`, {})).status).toBe(409);
    expect((await bob.call('POST', `/api/threads/${key}/hand-back`, {})).body.thread).toMatchObject({ state: 'bot', assignee: null });
    const { key: other } = await handOff('my card was charged twice again', '@dave');
    await ann.call('POST', `/api/threads/${other}/claim`, {});
    expect((await ann.call('POST', `/api/threads/${other}/resolve`, { close: true })).body.thread.state).toBe('closed');
    const events = (await ann.call('GET', `/api/threads/${key}`)).body.events.map(
      (e: { type: string; actor: string }) => `${e.type}:${e.actor}`,
    );
    expect(events).toEqual(['state:waiting:bot', 'claim:ann', 'reassign:ann', 'release:bob', 'claim:bob', 'resolve:bob', 'hand_back:bob']);
  });

  it('an agent reply goes through the outbox into the platform thread, once per request id', async () => {
    const { key, threadId } = await handOff();
    await ann.call('POST', `/api/threads/${key}/claim`, {});
    const sent = await ann.call('POST', `/api/threads/${key}/reply`, {
      text: 'Hi Carol, I refunded the second charge.',
      requestId: 'req-1',
    });
    expect(sent.status).toBe(202);
    await ann.call('POST', `/api/threads/${key}/reply`, { text: 'Hi Carol, I refunded the second charge.', requestId: 'req-1' });
    await waitFor(
      async () => ((await brandPosts(service, threadId)).includes('Hi Carol, I refunded the second charge.') ? true : undefined),
      5000,
      'the agent reply on the platform',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect((await brandPosts(service, threadId)).filter((t) => t.startsWith('Hi Carol'))).toHaveLength(1);
  });

  it("a person claiming while the bot's reply is queued: the queued bot reply never goes out", async () => {
    // The platform holds sends (a rate-limit wait) while the person takes over.
    await service.store.pauseChannel('sandbox', Date.now() + 3000);
    const { key, threadId } = await handOff();
    await ann.call('POST', `/api/threads/${key}/claim`, {});
    await ann.call('POST', `/api/threads/${key}/reply`, { text: 'Ann here, looking into it.' });
    await waitFor(async () => ((await brandPosts(service, threadId)).length > 0 ? true : undefined), 8000, 'the first brand post');
    await new Promise((r) => setTimeout(r, 300));
    expect(await brandPosts(service, threadId)).toEqual(['Ann here, looking into it.']);
    const transcript = (await ann.call('GET', `/api/threads/${key}`)).body.transcript;
    expect(transcript.find((t: { from: string }) => t.from === 'bot').status).toBe('cancelled');
  });

  it('a reply the brand posts natively on the platform silences the bot and resolves the thread; the next mention goes to the queue, not the bot', async () => {
    await service.store.pauseChannel('sandbox', Date.now() + 3000);
    const { key, threadId, postId } = await handOff();
    // Someone answers from the brand's account on the platform itself.
    await postJson(`${service.url}/sandbox/mentions`, { author: '@acme', text: 'Sam from Acme here: DMing you now.', inReplyTo: postId });
    await waitFor(
      async () => ((await ann.call('GET', `/api/threads/${key}`)).body.thread.state === 'resolved' ? true : undefined),
      8000,
      'the takeover',
    );
    expect((await ann.call('GET', `/api/threads/${key}`)).body.thread.assignee).toBe('platform:@acme');
    // The customer writes again: no bot reply, the thread waits for a person (customer replied).
    const again = await postJson(`${service.url}/sandbox/mentions`, {
      author: '@carol',
      text: 'where is my parcel, it is late',
      inReplyTo: postId,
    });
    await waitFor(
      async () => ((await service.store.getMention(again.body.mentionId))?.status === 'routed' ? true : undefined),
      8000,
      'the routed mention',
    );
    await new Promise((r) => setTimeout(r, 3500));
    expect(await brandPosts(service, threadId)).toEqual(['Sam from Acme here: DMing you now.']);
    expect((await ann.call('GET', `/api/threads/${key}`)).body.thread).toMatchObject({ state: 'waiting', assignee: null, unread: true });
    const transcript = (await ann.call('GET', `/api/threads/${key}`)).body.transcript;
    expect(transcript.map((t: { from: string; status?: string }) => `${t.from}${t.status ? `:${t.status}` : ''}`)).toEqual([
      'customer',
      'bot:cancelled',
      'brand',
      'customer',
    ]);
  });

  it('handing back lets the bot answer the thread again', async () => {
    const { key, threadId, postId } = await handOff();
    await ann.call('POST', `/api/threads/${key}/claim`, {});
    await ann.call('POST', `/api/threads/${key}/hand-back`, {});
    await postJson(`${service.url}/sandbox/mentions`, {
      author: '@carol',
      text: 'also my parcel is late, where is it?',
      inReplyTo: postId,
    });
    await waitFor(async () => ((await brandPosts(service, threadId)).length >= 2 ? true : undefined), 8000, 'the bot answering again');
  });

  it('an idle claim goes back to the queue', async () => {
    const { key } = await handOff();
    await ann.call('POST', `/api/threads/${key}/claim`, {});
    expect(await service.handoff.actions.releaseIdle(60_000)).toBe(0);
    await new Promise((r) => setTimeout(r, 20));
    expect(await service.handoff.actions.releaseIdle(10)).toBe(1);
    expect((await ann.call('GET', `/api/threads/${key}`)).body.thread).toMatchObject({ state: 'waiting', assignee: null });
  });

  it('pushes thread events to the console as Server-Sent Events', async () => {
    const res = await fetch(`${service.url}/api/events`, { headers: { cookie: ann.cookie } });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const { key } = await handOff();
    let text = '';
    while (!text.includes(`"type":"handoff"`)) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain(`"key":"${key}"`);
    await reader.cancel();
  });

  it('serves an OpenAPI document describing the routes, and refuses malformed calls with 4xx', async () => {
    const doc = (await (await fetch(`${service.url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { 'x-role'?: string }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/queue',
      '/api/threads/{key}',
      '/api/threads/{key}/claim',
      '/api/threads/{key}/reply',
      '/api/threads/{key}/hand-back',
      '/api/threads/{key}/resolve',
      '/api/threads/{key}/reassign',
      '/api/events',
      '/api/reports/sla',
      '/api/session',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/api/threads/{key}/claim']!.post!['x-role']).toBe('agent');
    expect((await ann.call('GET', '/api/threads/not*a*key')).status).toBe(400);
    expect((await ann.call('GET', `/api/threads/${threadKey('sandbox', 'nope')}`)).status).toBe(404);
    const { key } = await handOff();
    await ann.call('POST', `/api/threads/${key}/claim`, {});
    expect((await ann.call('POST', `/api/threads/${key}/reply`, { text: 42 })).status).toBe(400);
    expect((await ann.call('POST', `/api/threads/${key}/reply`, { text: '   ' })).status).toBe(400);
  });

  it('reports acknowledgement shares and human first responses per day', async () => {
    const { key } = await handOff();
    await ann.call('POST', `/api/threads/${key}/claim`, {});
    await ann.call('POST', `/api/threads/${key}/reply`, { text: 'On it.' });
    const report = await waitFor(
      async () => {
        const res = await ann.call('GET', '/api/reports/sla?days=2');
        if (res.status !== 200) throw new Error(JSON.stringify(res));
        const r = res.body;
        return r.days.at(-1)?.acknowledged.within1m === 1 ? r : undefined;
      },
      5000,
      'the report',
    );
    expect(report.days.at(-1)).toMatchObject({ mentions: 1, humanFirstResponse: { count: 1, withinTarget: 1 } });
  });
});
