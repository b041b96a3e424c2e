import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createThreadsChannel } from '../../../../bot/channels/threads/threads-channel.js';
import { platformService } from '../../../helpers/platform-service.js';
import { type RunningService, waitFor } from '../../../helpers/start-service.js';
import { form, THREADS_API, THREADS_USER, threadsEnv, deliverReplies } from './threads-stand-in.js';

const MENTION = '18050000000000101';

const deliver = async (service: RunningService) => expect(await deliverReplies(service.url)).toBe(200);

/**
 * A Threads API stand-in keeping the replies under the mention. `cut` says, per publish, whether the
 * connection is cut after Threads published the reply ('after'), before it did ('before'), or not at all.
 */
function threads(cut: ('after' | 'before' | 'none')[]) {
  const replies: Record<string, unknown>[] = [];
  const containers = new Map<string, string>();
  const created: string[] = [];
  const published = new Set<string>();
  let publishes = 0;
  let reads = 0;
  nock(THREADS_API)
    .post(`/v1.0/${THREADS_USER}/threads`)
    .times(10)
    .reply((_uri, b) => {
      const id = String(17900000000000000n + BigInt(containers.size + 1));
      containers.set(id, form(b).text!);
      created.push(id);
      return [200, { id }];
    });
  for (const how of cut) {
    nock(THREADS_API)
      .post(`/v1.0/${THREADS_USER}/threads_publish`)
      .reply(function (_uri, b) {
        publishes++;
        const creation = form(b).creation_id!;
        // Threads publishes a container once: a second publish of the same one is refused.
        if (published.has(creation)) return [400, { error: { message: 'The media has already been published', code: 24 } }];
        const publish = () => {
          published.add(creation);
          const id = String(18060000000000000n + BigInt(replies.length + 1));
          replies.unshift({
            id,
            text: containers.get(creation),
            username: 'acme',
            timestamp: new Date().toISOString(),
            is_reply_owned_by_me: true,
          });
          return id;
        };
        if (how === 'none') return [200, { id: publish() }];
        if (how === 'after') publish();
        this.req.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
        return [200, {}];
      });
  }
  nock(THREADS_API)
    .get(`/v1.0/${MENTION}/replies`)
    .query(true)
    .times(10)
    .reply(() => {
      reads++;
      return [200, { data: replies, paging: { cursors: { before: 'b', after: 'a' } } }];
    });
  return { replies, created, publishes: () => publishes, reads: () => reads };
}

const sent = (service: RunningService) =>
  waitFor(async () => ((await service.store.stats()).outbox.sent === 1 ? true : undefined), 10_000, 'the reply counted as sent');

describe('Threads: unknown outcomes reconciled (no idempotency key, two-step publish)', () => {
  const startWith = platformService(threadsEnv, (s) => createThreadsChannel(s.threads!));

  it('the connection cut after Threads published the reply: the retry finds it under the mention and publishes nothing', async () => {
    const stand = threads(['after', 'none']);
    const { service } = await startWith();
    await deliver(service);
    await sent(service);
    await new Promise((r) => setTimeout(r, 300));
    expect(stand.publishes()).toBe(1);
    expect(stand.replies).toHaveLength(1);
    expect(stand.reads()).toBeGreaterThanOrEqual(1);
  });

  it('the connection cut before it published: the retry reads, then publishes the same container once', async () => {
    const stand = threads(['before', 'none']);
    const { service } = await startWith();
    await deliver(service);
    await sent(service);
    expect(stand.publishes()).toBe(2);
    expect(stand.created).toHaveLength(1);
    expect(stand.replies).toHaveLength(1);
    expect(stand.reads()).toBeGreaterThanOrEqual(1);
  });

  it('an earlier reply by the brand with the same words, before this one was queued, is not taken for it', async () => {
    const stand = threads(['before', 'none']);
    const text =
      'Hi @ann.example, sorry your parcel is late. Our carrier is clearing a backlog and most delayed parcels arrive within 3 working days. You can follow yours at https://acme.example/track';
    stand.replies.push({
      id: '18060000000000001',
      text,
      username: 'acme',
      timestamp: '2026-01-01T00:00:00+0000',
      is_reply_owned_by_me: true,
    });
    const { service } = await startWith();
    await deliver(service);
    await sent(service);
    expect(stand.publishes()).toBe(2);
    expect(stand.replies).toHaveLength(2);
  });
});
