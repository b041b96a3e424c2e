import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadKey } from '../../../handoff/thread-key.js';
import { agentClient, type AgentClient } from '../api/agent-client.js';
import { exampleKnowledge, postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';

// Emerging incidents over real HTTP on the real service (local understanding, SQLite, the sandbox):
// alike handoffs raise a group; roles and validation; the draft added to the editor's text; after the
// entry is published, answering the group queues one reply per waiting thread, once.

const WAVE = [
  'my gift card balance vanished after I redeemed it at checkout, mail me at jo@example.com',
  'gift card balance gone after redeeming it at checkout, where did my money go',
  'redeemed my gift card at checkout and the balance vanished',
  'the gift card balance disappeared after redeeming at checkout today',
];

interface SandboxThread {
  posts: { text: string; fromBrand: boolean }[];
}

describe('emerging incidents over HTTP', () => {
  let service: RunningService;
  let ann: AgentClient;
  let mia: AgentClient;
  let file: string;
  const threads: string[] = [];

  beforeAll(async () => {
    file = path.join(mkdtempSync(path.join(tmpdir(), 'fr-emerging-')), 'knowledge.yaml');
    writeFileSync(file, readFileSync(exampleKnowledge, 'utf8'));
    service = await startService({ KNOWLEDGE_FILE: file, KNOWLEDGE_WATCH: 'false', EMERGING_MIN_SIZE: '4', EMERGING_MIN_AUTHORS: '3' });
    ann = await agentClient(service, 'ann', ['agent'], 'token');
    mia = await agentClient(service, 'mia', ['agent', 'editor'], 'token');
    for (const [i, text] of WAVE.entries()) {
      const posted = await postJson(`${service.url}/sandbox/mentions`, { author: `@customer${i}`, text: `@acme ${text}` });
      threads.push(posted.body.threadId);
    }
  }, 60_000);
  afterAll(() => service?.dispose());

  it('raises one group from alike handoffs, shown to agents with stripped samples', async () => {
    const groups = await waitFor(
      async () => {
        const r = await ann.call('GET', '/api/emerging');
        return r.body.groups?.length ? r.body.groups : undefined;
      },
      30_000,
      'a raised group',
    );
    expect(groups).toHaveLength(1);
    const [g] = groups;
    expect(g).toMatchObject({ status: 'open', size: 4, authors: 4, waiting: 4, threads: 4, entryId: null });
    expect(g.words.length).toBeGreaterThan(0);
    expect(g.samples.length).toBeGreaterThan(0);
    expect(JSON.stringify(g.samples)).not.toMatch(/example\.com|@acme/);
    expect(g.draftYaml).toContain(`id: ${g.draftId}`);
    expect((await fetch(`${service.url}/api/emerging`)).status).toBe(401);
    const doc = (await (await fetch(`${service.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { 'x-role'?: string }>>;
    };
    expect(doc.paths['/api/emerging']!.get!['x-role']).toBe('agent');
    for (const action of ['draft', 'dismiss', 'link', 'answer'])
      expect(doc.paths[`/api/emerging/{id}/${action}`]!.post!['x-role']).toBe('editor');
    expect((await ann.call('GET', '/api/emerging/NOT%20AN%20ID')).status).toBe(400);
    expect((await ann.call('GET', '/api/emerging/abc-1')).status).toBe(404);
  });

  it('keeps drafting, linking, dismissing and answering to editors, and validates them', async () => {
    const [g] = (await ann.call('GET', '/api/emerging')).body.groups;
    expect((await ann.call('POST', `/api/emerging/${g.id}/dismiss`)).status).toBe(403);
    expect((await ann.call('POST', `/api/emerging/${g.id}/answer`, { entryId: 'parcel-delays' })).status).toBe(403);
    expect((await mia.call('POST', `/api/emerging/${g.id}/answer`, { entryId: 'Bad Id' })).status).toBe(400);
    expect((await mia.call('POST', `/api/emerging/${g.id}/answer`, { entryId: 'x', extra: 1 })).status).toBe(400);
    expect((await mia.call('POST', `/api/emerging/${g.id}/answer`, { entryId: g.draftId })).status).toBe(422);
    expect((await mia.call('POST', `/api/emerging/${g.id}/draft`, { text: 'version: 1\nentries: [' })).status).toBe(422);
  });

  it('adds the draft to the text; once published, answers each waiting thread once (a claimed one skipped)', async () => {
    const [g] = (await ann.call('GET', '/api/emerging')).body.groups;
    const drafted = await mia.call('POST', `/api/emerging/${g.id}/draft`, { text: readFileSync(file, 'utf8') });
    expect(drafted.status).toBe(200);
    expect(drafted.body.id).toBe(g.draftId);
    const reply = 'Hi {{author}}, gift card balances are back: our fix is live.';
    const text = (drafted.body.text as string).replace(/reply: ""/, `reply: ${JSON.stringify(reply)}`);
    const diff = await mia.call('POST', '/api/knowledge/diff', { text });
    const pub = await mia.call('POST', '/api/knowledge/publish', { text, message: 'emerging incident', shown: diff.body.shown });
    expect(pub.status, JSON.stringify(pub.body)).toBe(200);
    const ready = (await ann.call('GET', `/api/emerging/${g.id}`)).body;
    expect(ready).toMatchObject({ entryId: g.draftId, waiting: 4 });

    // Ann claims one thread meanwhile: it is hers, not answered by the group.
    const claimedKey = threadKey('sandbox', threads[0]!);
    expect((await ann.call('POST', `/api/threads/${claimedKey}/claim`, {})).status).toBe(200);
    const [a, b] = await Promise.all([
      mia.call('POST', `/api/emerging/${g.id}/answer`, { entryId: g.draftId }),
      mia.call('POST', `/api/emerging/${g.id}/answer`, { entryId: g.draftId }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const ok = a.status === 200 ? a.body : b.body;
    expect(ok.answered).toHaveLength(3);
    expect(ok.skipped).toEqual([{ threadKey: claimedKey, reason: expect.stringContaining('ann') }]);
    for (const [i, id] of threads.entries()) {
      const sent = await waitFor(
        async () => {
          const t = (await (await fetch(`${service.url}/sandbox/threads/${id}`)).json()) as SandboxThread;
          const replies = t.posts.filter((p) => p.fromBrand && p.text.includes('gift card balances are back'));
          return i === 0 || replies.length > 0 ? replies : undefined;
        },
        15_000,
        'the reply on the platform',
      );
      expect(sent).toHaveLength(i === 0 ? 0 : 1);
      if (i > 0) expect(sent[0]!.text).toContain(`@customer${i}`);
    }
    const after = (await ann.call('GET', `/api/threads/${threadKey('sandbox', threads[1]!)}`)).body;
    expect(after.thread.state).toBe('bot');
    expect((await ann.call('GET', '/api/emerging')).body.groups).toEqual([]);
    expect((await mia.call('POST', `/api/emerging/${g.id}/dismiss`)).status).toBe(409);
  });
});
