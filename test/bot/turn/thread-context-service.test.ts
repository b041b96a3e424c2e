import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { deletePrefix, REDIS_URL } from '../../store/redis-test-backend.js';
import { brandPosts } from './sandbox-brand-posts.js';

const mentionsOf = async (s: RunningService, ids: number[]) => Promise.all(ids.map(async (id) => (await s.store.getMention(id))!));

/** Posts a sandbox mention (in reply to a post when given) and waits until the service decided every mention. */
async function postAndDecide(s: RunningService, author: string, text: string, inReplyTo?: string) {
  const posted = (await postJson(`${s.url}/sandbox/mentions`, { author, text, ...(inReplyTo ? { inReplyTo } : {}) })).body as {
    threadId: string;
    postId: string;
    mentionId: number;
  };
  await waitFor(async () => (((await s.store.stats()).mentions.received ?? 0) === 0 ? true : undefined), 10_000, 'every mention decided');
  return posted;
}

describe("issue 15 thread context — through the service: a follow-up is read with the thread's earlier mentions", () => {
  const services: RunningService[] = [];
  const prefixes: string[] = [];
  afterEach(async () => {
    await Promise.all(services.splice(0).map((s) => s.dispose()));
    for (const p of prefixes.splice(0)) await deletePrefix(REDIS_URL, p);
  });

  for (const backend of ['sqlite', 'redis'] as const) {
    it(`${backend}: "still late" after the parcel answer goes to a person flagged as a follow-up to it, never the same reply twice; a thanks after an answer is a courtesy`, async () => {
      const prefix = `fr-test-thread-${randomUUID()}:`;
      if (backend === 'redis') prefixes.push(prefix);
      const s = await startService({
        UNDERSTANDING: 'keyword',
        NO_REPLY_DECISIONS: 'true',
        ...(backend === 'redis' ? { REDIS_URL, REDIS_PREFIX: prefix } : {}),
      });
      services.push(s);

      // Ann's parcel is late: the bot answers from the knowledge file.
      const first = await postAndDecide(s, '@ann', '@acme my parcel is two weeks late');
      const answered = await waitFor(
        async () => ((await brandPosts(s, first.threadId)).length === 1 ? brandPosts(s, first.threadId) : undefined),
        10_000,
        'the answer',
      );
      // Alone, her follow-up matches the same entry: the old turn answered it a second time.
      const again = await postAndDecide(s, '@ann', '@acme my parcel is still late, where is my package', first.postId);
      // Bea, in her own thread, thanks the bot after its answer.
      const bea = await postAndDecide(s, '@bea', '@acme where is my parcel, it is late');
      const thanks = await postAndDecide(s, '@bea', '@acme thanks, that helps!', bea.postId);

      const [m1, m2, b1, b2] = await mentionsOf(s, [first.mentionId, again.mentionId, bea.mentionId, thanks.mentionId]);
      expect(m1).toMatchObject({ status: 'answered', decision: { reason: 'knowledge_match', entryId: 'parcel-delays' } });
      expect(m2).toMatchObject({
        status: 'handed_off',
        decision: { reason: 'follow_up', followUp: { mentionId: first.mentionId, entryId: 'parcel-delays' } },
      });
      expect(m2!.decision).not.toHaveProperty('entryId');
      expect((await s.store.getThread('sandbox', first.threadId))?.state).toBe('waiting');
      // Ann's thread: the answer once, then the acknowledgement; never the canned reply twice.
      const posts = await waitFor(
        async () => ((await brandPosts(s, first.threadId)).length === 2 ? brandPosts(s, first.threadId) : undefined),
        10_000,
        'the acknowledgement',
      );
      expect(posts[0]).toBe(answered[0]);
      expect(posts[1]).toMatch(/member of our team/);

      expect(b1).toMatchObject({ status: 'answered', decision: { entryId: 'parcel-delays' } });
      expect(b2).toMatchObject({ status: 'no_reply', decision: { reason: 'courtesy' } });
      expect((await s.store.getThread('sandbox', bea.threadId))?.state).toBe('bot');
    });
  }

  it('"any update?" in a thread the bot answered goes to a person flagged with the earlier entry; a second customer asking the same in the thread gets no second canned reply', async () => {
    const s = await startService({ UNDERSTANDING: 'keyword' });
    services.push(s);

    // Cy's parcel is late, the bot answers; later she asks for news in the same thread.
    const first = await postAndDecide(s, '@cy', '@acme my package is late, not arrived yet');
    const update = await postAndDecide(s, '@cy', '@acme any update?', first.postId);
    // Dee's parcel thread is answered; Eve joins it with her own late parcel.
    const dee = await postAndDecide(s, '@dee', '@acme where is my parcel, two weeks late');
    const eve = await postAndDecide(s, '@eve', '@acme my parcel is two weeks late too', dee.postId);

    const [m1, u, d1, e1] = await mentionsOf(s, [first.mentionId, update.mentionId, dee.mentionId, eve.mentionId]);
    expect(m1).toMatchObject({ status: 'answered', decision: { entryId: 'parcel-delays' } });
    expect(u).toMatchObject({
      status: 'handed_off',
      decision: { reason: 'follow_up', followUp: { mentionId: first.mentionId, entryId: 'parcel-delays' } },
    });
    expect(d1).toMatchObject({ status: 'answered', decision: { entryId: 'parcel-delays' } });
    // Not the same canned reply twice in one public thread: a person answers Eve, flagged with the
    // entry, though her mention follows up on nothing of her own.
    expect(e1).toMatchObject({ status: 'handed_off', decision: { reason: 'follow_up', followUp: { entryId: 'parcel-delays' } } });
    expect((e1!.decision as { followUp: object }).followUp).not.toHaveProperty('mentionId');
  });
});
