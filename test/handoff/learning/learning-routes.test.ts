import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { threadKey } from '../../../handoff/thread-key.js';
import { agentClient, type AgentClient, waitForThreadState } from '../api/agent-client.js';
import { exampleKnowledge, postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';

// Suggested replies, an agent's reply with an entry, a wrong mark, and an editor's review, over real
// HTTP on the real service (local understanding, SQLite, the sandbox channel).

const PARCEL = '@acme my delivery has been stuck at the depot for ages, no one tells me anything. Call me on 0161 496 0000';

describe('suggested replies and learned examples over HTTP', () => {
  let service: RunningService;
  let ann: AgentClient;
  let mia: AgentClient;
  let file: string;
  let key: string;
  let threadId: string;

  beforeAll(async () => {
    file = path.join(mkdtempSync(path.join(tmpdir(), 'fr-learning-')), 'knowledge.yaml');
    writeFileSync(file, readFileSync(exampleKnowledge, 'utf8'));
    service = await startService({ KNOWLEDGE_FILE: file, KNOWLEDGE_WATCH: 'false' });
    ann = await agentClient(service, 'ann', ['agent'], 'token');
    mia = await agentClient(service, 'mia', ['agent', 'editor'], 'token');
    const posted = await postJson(`${service.url}/sandbox/mentions`, { author: '@carol', text: PARCEL });
    threadId = posted.body.threadId;
    key = threadKey('sandbox', threadId);
    await waitForThreadState(ann, key, 'waiting', 'the handoff', 15_000);
  }, 60_000);
  afterAll(() => service?.dispose());

  it('suggests the best active entries with the exact reply, and lists every active entry', async () => {
    const res = await ann.call('GET', `/api/threads/${key}/suggestions`);
    expect(res.status).toBe(200);
    const { suggestions, entries } = res.body;
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(3);
    expect(suggestions[0].entryId).toBe('parcel-delays');
    const confidences = suggestions.map((s: { confidence: number }) => s.confidence);
    for (const c of confidences) expect(c).toBeGreaterThanOrEqual(0);
    expect(confidences[0]).toBeGreaterThanOrEqual(confidences.at(-1));
    expect(suggestions[0].reply).toMatch(/^Hi @carol, sorry your parcel is late\. .*https:\/\/acme\.example\/track$/);
    expect(suggestions[0].parts.join(' ')).toBe(suggestions[0].reply);
    expect(entries.map((e: { entryId: string }) => e.entryId)).toEqual(['parcel-delays', 'app-outage', 'black-friday']);
    expect(entries[2].reply).toContain('https://acme.example/black-friday');
    // Why the bot handed it off although its best suggestion is the parcel entry, as decided when it came in.
    expect(res.body.botWhy).toMatch(/^"parcel-delays" \(confidence 0\.\d\d\) refused as a look-alike: it asks to be called or written to/);
  });

  it('refuses bad input and a missing role', async () => {
    expect((await ann.call('GET', `/api/threads/${threadKey('sandbox', 'nope')}/suggestions`)).status).toBe(404);
    expect((await ann.call('GET', '/api/threads/bad key!/suggestions')).status).toBe(400);
    expect((await ann.call('POST', `/api/threads/${key}/suggestions/wrong`, { entryId: 'Bad Id' })).status).toBe(400);
    expect((await ann.call('POST', `/api/threads/${key}/suggestions/wrong`, { entryId: 'nope' })).status).toBe(404);
    expect((await ann.call('POST', `/api/threads/${key}/suggestions/wrong`, { entryId: 'app-outage', x: 1 })).status).toBe(400);
    expect((await ann.call('POST', `/api/threads/${key}/reply`, { text: 'hi', entryId: 'nope' })).status).toBe(400);
    expect((await ann.call('GET', '/api/knowledge/candidates')).status).toBe(403);
    expect((await mia.call('POST', '/api/knowledge/candidates/accept', { candidates: [] })).status).toBe(400);
    expect((await mia.call('POST', '/api/knowledge/candidates/accept', { candidates: [{ id: 999, text: 'x' }] })).status).toBe(404);
    expect((await mia.call('POST', '/api/knowledge/candidates/reject', { ids: ['1'] })).status).toBe(400);
  });

  it("records the agent's reply with an entry and a wrong mark as candidates, stripped of personal data", async () => {
    expect((await ann.call('POST', `/api/threads/${key}/claim`, {})).status).toBe(200);
    const suggested = (await ann.call('GET', `/api/threads/${key}/suggestions`)).body.suggestions[0];
    const sent = await ann.call('POST', `/api/threads/${key}/reply`, { text: suggested.reply, entryId: 'parcel-delays' });
    expect(sent.status).toBe(202);
    const wrong = await ann.call('POST', `/api/threads/${key}/suggestions/wrong`, { entryId: 'app-outage' });
    expect(wrong.body).toEqual({ recorded: true });
    expect((await ann.call('POST', `/api/threads/${key}/suggestions/wrong`, { entryId: 'app-outage' })).body).toEqual({ recorded: false });
    const listed = await mia.call('GET', '/api/knowledge/candidates');
    expect(listed.status).toBe(200);
    const stripped = 'my delivery has been stuck at the depot for ages, no one tells me anything. Call me on';
    expect(listed.body.candidates.map((c: Record<string, unknown>) => [c.entryId, c.kind, c.text, c.agent, c.title, c.warnings])).toEqual([
      // The live model refused it as a look-alike (it asks to be called: why it was handed off): the
      // review says so; a negative example is never warned about.
      ['parcel-delays', 'example', stripped, 'ann', 'Parcel deliveries running late', ['look_alike']],
      ['app-outage', 'negative', stripped, 'ann', 'App login failures', []],
    ]);
    const posts = await waitFor(async () => {
      const t = (await (await fetch(`${service.url}/sandbox/threads/${threadId}`)).json()) as { posts: { text: string }[] };
      return t.posts.some((p) => p.text === suggested.reply) ? t.posts : undefined;
    }, 10_000);
    expect(posts.length).toBeGreaterThan(1);
  });

  it('learns nothing from a follow-up: its words lean on the thread', async () => {
    const first = await postJson(`${service.url}/sandbox/mentions`, { author: '@dan', text: '@acme where is my parcel, it is late' });
    const followUp = await postJson(`${service.url}/sandbox/mentions`, {
      author: '@dan',
      text: '@acme yes I tried that too',
      inReplyTo: first.body.postId,
    });
    const k = threadKey('sandbox', followUp.body.threadId);
    await waitForThreadState(ann, k, 'waiting', 'the follow-up handed off', 15_000);
    expect((await ann.call('GET', `/api/threads/${k}/suggestions`)).body.botWhy).toMatch(/follows the bot's answer "parcel-delays"/);
    expect((await ann.call('POST', `/api/threads/${k}/claim`, {})).status).toBe(200);
    expect((await ann.call('POST', `/api/threads/${k}/reply`, { text: 'Sorry!', entryId: 'parcel-delays' })).status).toBe(202);
    expect((await ann.call('POST', `/api/threads/${k}/suggestions/wrong`, { entryId: 'app-outage' })).body).toEqual({ recorded: false });
    const texts = (await mia.call('GET', '/api/knowledge/candidates')).body.candidates.map((c: { text: string }) => c.text);
    expect(texts).not.toContain('yes I tried that too');
    expect(texts).toHaveLength(2);
  });

  it('publishes accepted candidates as a new version by the editor, and rejects the others', async () => {
    const [example, negative] = (await mia.call('GET', '/api/knowledge/candidates')).body.candidates;
    // The editor may still accept one the review warned about, edited to what they mean.
    const edited = 'my delivery is stuck at the depot, see https://evil.example/x';
    const accepted = await mia.call('POST', '/api/knowledge/candidates/accept', { candidates: [{ id: example.id, text: edited }] });
    expect(accepted.status).toBe(200);
    expect(accepted.body.settled).toEqual([example.id]);
    expect(accepted.body.version).toMatchObject({ author: 'mia', message: 'learned examples' });
    const live = parse(readFileSync(file, 'utf8')) as { entries: { id: string; examples: string[] }[] };
    expect(live.entries.find((e) => e.id === 'parcel-delays')!.examples.at(-1)).toBe('my delivery is stuck at the depot, see');
    // Accepting it again (another editor's stale page) changes nothing.
    expect((await mia.call('POST', '/api/knowledge/candidates/accept', { candidates: [{ id: example.id, text: edited }] })).status).toBe(
      404,
    );
    expect((await mia.call('POST', '/api/knowledge/candidates/reject', { ids: [negative.id] })).body).toEqual({ settled: [negative.id] });
    expect((await mia.call('GET', '/api/knowledge/candidates')).body.candidates).toEqual([]);
    const history = await mia.call('GET', '/api/knowledge/history');
    expect(JSON.stringify(history.body)).toContain('learned examples');
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${service.url}/docs/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/threads/{key}/suggestions',
        '/api/threads/{key}/suggestions/wrong',
        '/api/knowledge/candidates',
        '/api/knowledge/candidates/accept',
        '/api/knowledge/candidates/reject',
      ]),
    );
  });
});
