import { afterEach, describe, expect, it } from 'vitest';
import { postJson, startService, waitFor, type RunningService } from '../../../helpers/start-service.js';

interface ThreadBody {
  threadId: string;
  posts: { id: string; author: string; text: string; inReplyTo: string | null; fromBrand: boolean }[];
}

async function thread(service: RunningService, threadId: string): Promise<ThreadBody> {
  const res = await fetch(`${service.url}/sandbox/threads/${threadId}`);
  return (await res.json()) as ThreadBody;
}

async function replies(service: RunningService, threadId: string, count: number) {
  return waitFor(
    async () => {
      const t = await thread(service, threadId);
      const fromBrand = t.posts.filter((p) => p.fromBrand);
      return fromBrand.length >= count ? fromBrand : undefined;
    },
    5000,
    `${count} brand replies in ${threadId}`,
  );
}

describe('sandbox channel, end to end over HTTP', () => {
  let service: RunningService;
  afterEach(async () => service?.dispose());

  it("answers a known issue in the mention's own thread", async () => {
    service = await startService();
    const res = await postJson(`${service.url}/sandbox/mentions`, { author: '@ann', text: '@acme my parcel is two weeks late' });
    expect(res.status).toBe(202);
    expect(res.body.duplicate).toBe(false);
    const [reply] = await replies(service, res.body.threadId, 1);
    expect(reply!.author).toBe('@acme');
    expect(reply!.inReplyTo).toBe(res.body.postId);
    expect(reply!.text).toContain('Hi @ann, sorry your parcel is late');
  });

  it('acknowledges and hands off what it does not know', async () => {
    service = await startService();
    const res = await postJson(`${service.url}/sandbox/mentions`, { author: '@bob', text: 'why was I charged twice for one order?' });
    const [reply] = await replies(service, res.body.threadId, 1);
    expect(reply!.text).toContain('A member of our team has your message');
    const mention = await service.store.getMention(res.body.mentionId);
    expect(mention?.status).toBe('handed_off');
    expect((await service.store.getThread('sandbox', res.body.threadId))?.state).toBe('waiting');
  });

  it('answers a re-delivered mention once', async () => {
    service = await startService();
    const first = await postJson(`${service.url}/sandbox/mentions`, { id: 'post-1', author: '@cy', text: 'the app is down again' });
    const again = await postJson(`${service.url}/sandbox/mentions`, { id: 'post-1', author: '@cy', text: 'the app is down again' });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ duplicate: true, mentionId: first.body.mentionId });
    await replies(service, 'post-1', 1);
    await new Promise((r) => setTimeout(r, 300));
    expect((await thread(service, 'post-1')).posts.filter((p) => p.fromBrand)).toHaveLength(1);
  });

  it('refuses malformed payloads with 400 and stores nothing', async () => {
    service = await startService();
    const bad = await fetch(`${service.url}/sandbox/mentions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"author":',
    });
    expect(bad.status).toBe(400);
    const missing = await postJson(`${service.url}/sandbox/mentions`, { author: '@x' });
    expect(missing.status).toBe(400);
    const wrongType = await postJson(`${service.url}/sandbox/mentions`, { author: 5, text: ['a'] });
    expect(wrongType.status).toBe(400);
    expect((await service.store.stats()).mentions).toEqual({});
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
  });

  it('issue 18 finding 5: a post longer than SANDBOX_MAX_LENGTH is refused with 400 naming the limit, and stored nowhere', async () => {
    service = await startService({ SANDBOX_MAX_LENGTH: '500' });
    const long = await postJson(`${service.url}/sandbox/mentions`, { author: '@ann', text: `my parcel is late ${'x'.repeat(597)}` });
    expect(long.status).toBe(400);
    expect(long.body.message).toMatch(/615 characters.*at most 500 \(SANDBOX_MAX_LENGTH\)/);
    // Counted as people see characters: 500 emoji of several code units each are within the limit.
    const emoji = await postJson(`${service.url}/sandbox/mentions`, { author: '@ann', text: '👩‍👩‍👧'.repeat(500) });
    expect(emoji.status).toBe(202);
    const stored = Object.values((await service.store.stats()).mentions).reduce((a, b) => a + b, 0);
    expect(stored).toBe(1);
  });

  it('returns 404 for an unknown thread', async () => {
    service = await startService();
    expect((await fetch(`${service.url}/sandbox/threads/nope`)).status).toBe(404);
  });
});

describe('issue 14 finding 1 — sandbox authors', () => {
  let service: RunningService;
  afterEach(async () => service?.dispose());

  it('finding 1: an author with bidi, invisible or control characters, or too long, is refused with 400', async () => {
    service = await startService();
    for (const author of ['@\u202Eevil\u202C_rtl', '@ann\u200B', 'ann\nsmith', ' ann', 'a'.repeat(65)]) {
      expect(
        (await postJson(`${service.url}/sandbox/mentions`, { author, text: 'my parcel is late' })).status,
        JSON.stringify(author),
      ).toBe(400);
    }
    expect((await service.store.stats()).mentions).toEqual({});
  });

  it('finding 1: a name that reads like an advert is kept for the team but never repeated in the public reply', async () => {
    service = await startService();
    const author = 'x FREE GIFT CARDS at https://phish.example/claim -';
    const res = await postJson(`${service.url}/sandbox/mentions`, { author, text: 'why was I charged twice for one order?' });
    expect(res.status).toBe(202);
    const [reply] = await replies(service, res.body.threadId, 1);
    expect(reply!.text).not.toContain('phish.example');
    expect(reply!.text).toMatch(/\bthere\b/);
    expect((await service.store.getMention(res.body.mentionId))?.author).toBe(author);
  });
});
