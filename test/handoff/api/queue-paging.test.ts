import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { threadKey } from '../../../handoff/thread-key.js';
import { deletePrefix, REDIS_URL } from '../../store/redis-test-backend.js';
import { postJson, startService, type RunningService } from '../../helpers/start-service.js';
import { agentClient, type AgentClient, waitForThreadState } from './agent-client.js';

interface QueuePage {
  threads: { key: string; lastText: string | null; lastTextTruncated: boolean; state: string }[];
  total: number;
  counts: { open: number; waiting: number; mine: number; replied: number };
  next: string | null;
}

// Texts the keyword understanding hands off, with different ranks (urgent, negative, complaint, plain).
const TEXTS = [
  'why was I charged twice on my card?',
  'I will call my lawyer about this double charge',
  'this is terrible, you charged me twice, I am furious',
  'can someone explain the second charge on my card',
];

for (const backend of ['sqlite', 'redis'] as const) {
  describe(`issue 14 finding 7 — GET /api/queue pages (${backend})`, () => {
    let service: RunningService | undefined;
    let prefix = '';
    afterEach(async () => {
      await service?.dispose();
      service = undefined;
      if (backend === 'redis') await deletePrefix(REDIS_URL, prefix);
    });

    const start = async () => {
      prefix = `first-reply-test:${randomUUID()}:`;
      service = await startService({
        UNDERSTANDING: 'keyword',
        SANDBOX_MAX_LENGTH: '10000',
        ...(backend === 'redis' ? { REDIS_URL, REDIS_PREFIX: prefix } : {}),
      });
      return agentClient(service, 'ann');
    };
    const handOff = async (ann: AgentClient, text: string, author: string) => {
      const posted = await postJson(`${service!.url}/sandbox/mentions`, { author, text });
      expect(posted.status).toBe(202);
      const key = threadKey('sandbox', posted.body.threadId);
      await waitForThreadState(ann, key, 'waiting', 'the handoff', 15_000);
      return key;
    };
    const page = async (ann: AgentClient, query: string): Promise<QueuePage> => {
      const res = await ann.call('GET', `/api/queue${query}`);
      expect(res.status).toBe(200);
      return res.body as QueuePage;
    };

    it('finding 7: pages follow the queue order with a cursor that holds while threads move, with the total and counts', {
      timeout: 90_000,
    }, async () => {
      const ann = await start();
      const keys: string[] = [];
      for (let i = 0; i < 12; i++) keys.push(await handOff(ann, TEXTS[i % TEXTS.length]!, `@c${i}`));

      const whole = await page(ann, '?limit=200');
      expect(whole.total).toBe(12);
      expect(whole.next).toBeNull();
      expect(whole.counts).toEqual({ open: 12, waiting: 12, mine: 0, replied: 0 });
      const order = whole.threads.map((t) => t.key);
      expect(new Set(order)).toEqual(new Set(keys));
      // The default page is the first 50: all of them here.
      expect((await page(ann, '')).threads.map((t) => t.key)).toEqual(order);

      // Pages of 5 walk the same order, nothing twice, nothing missed.
      const walked: string[] = [];
      let next: string | null = null;
      do {
        const p: QueuePage = await page(ann, `?limit=5${next ? `&after=${next}` : ''}`);
        expect(p.threads.length).toBeLessThanOrEqual(5);
        expect(p.total).toBe(12);
        walked.push(...p.threads.map((t) => t.key));
        next = p.next;
      } while (next);
      expect(walked).toEqual(order);

      // A thread of the first page moves to the end (claimed and answered: its wait is over) before
      // the second page is asked for: the second page still starts where the first ended.
      const first = await page(ann, '?limit=5');
      const moved = first.threads[0]!.key;
      expect((await ann.call('POST', `/api/threads/${moved}/claim`, {})).status).toBe(200);
      expect((await ann.call('POST', `/api/threads/${moved}/reply`, { text: 'Looking into it now.', requestId: 'r-moved' })).status).toBe(
        202,
      );
      const second = await page(ann, `?limit=5&after=${first.next}`);
      expect(second.threads.map((t) => t.key)).toEqual(order.slice(5, 10));
      // The moved thread now sits behind every unanswered thread of its rank; the others kept their order.
      const after = (await page(ann, '?limit=200')).threads.map((t) => t.key);
      expect(after.filter((k) => k !== moved)).toEqual(order.filter((k) => k !== moved));
      expect(after.indexOf(moved)).toBeGreaterThan(0);
      expect((await page(ann, '?limit=1')).counts).toEqual({ open: 12, waiting: 11, mine: 1, replied: 0 });

      // Filters page on the server, with their own total.
      const mine = await page(ann, '?filter=mine');
      expect(mine.threads.map((t) => t.key)).toEqual([moved]);
      expect(mine.total).toBe(1);
      const waiting = await page(ann, '?filter=waiting&limit=3');
      expect(waiting.total).toBe(11);
      expect(waiting.threads.every((t) => t.state === 'waiting')).toBe(true);

      // The OpenAPI document describes the paging.
      const doc = (await (await fetch(`${service!.url}/openapi.json`)).json()) as {
        paths: Record<
          string,
          {
            get: {
              parameters: { name: string }[];
              responses: Record<string, { content: { 'application/json': { schema: { required: string[] } } } }>;
            };
          }
        >;
      };
      expect(doc.paths['/api/queue']!.get.parameters.map((p) => p.name)).toEqual(['limit', 'after', 'filter', 'team']);
      expect(doc.paths['/api/queue']!.get.responses['200']!.content['application/json'].schema.required).toEqual([
        'threads',
        'total',
        'counts',
        'next',
      ]);

      // Bounds: the page size is capped; a forged cursor or a bad limit is a 400, not a 500.
      expect((await page(ann, '?limit=100000')).threads).toHaveLength(12);
      for (const bad of [
        '?limit=0',
        '?limit=-1',
        '?limit=ten',
        '?after=not%20a%20cursor',
        `?after=${Buffer.from('{"a":1}').toString('base64url')}`,
        '?filter=all',
        '?offset=3',
      ]) {
        const res = await ann.call('GET', `/api/queue${bad}`);
        expect(res.status, bad).toBe(400);
      }
    });

    it('finding 7: a list item carries a bounded preview of the text; the thread view has it whole', { timeout: 60_000 }, async () => {
      const ann = await start();
      const long = `why was I charged twice? ${'details of my order and the two charges, '.repeat(230)}`.slice(0, 9_000);
      const key = await handOff(ann, long, '@long');
      const item = (await page(ann, '')).threads.find((t) => t.key === key)!;
      expect(item.lastTextTruncated).toBe(true);
      expect([...item.lastText!].length).toBeLessThanOrEqual(280);
      expect(item.lastText!.endsWith('…')).toBe(true);
      expect(long.startsWith(item.lastText!.slice(0, -1))).toBe(true);
      const view = await ann.call('GET', `/api/threads/${key}`);
      expect(view.body.thread.lastText).toBe(long);
      const short = await handOff(ann, TEXTS[0]!, '@short');
      expect((await page(ann, '')).threads.find((t) => t.key === short)).toMatchObject({ lastText: TEXTS[0], lastTextTruncated: false });
    });
  });
}
