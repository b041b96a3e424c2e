import { describe, expect, it } from 'vitest';
import { TRANSITIONS } from '../../store/thread-state.js';
import { connectTestRedis } from './redis-test-backend.js';
import { mention } from './store-contract.js';
import { describeHandoffStoreContract } from './handoff-store-contract.js';
import { describeNoReplyContract } from './no-reply-contract.js';
import { redisHandoffBackend } from './handoff-backends.js';

describeHandoffStoreContract('Redis handoff store', redisHandoffBackend);
describeNoReplyContract('Redis no-reply view', redisHandoffBackend);

describe('Redis handoff store, several instances', () => {
  it('keeps no trace of pending bot replies once they are sent, failed or cancelled (the claim walks only those)', async () => {
    const b = redisHandoffBackend();
    const { store, handoff } = await b.open();
    const prefix = b.prefix;
    try {
      for (const [i, thread] of ['t1', 't2', 't3'].entries()) {
        await store.acceptMention(mention(`m${i}`, { threadId: thread }), 1, 61);
        const [m] = await store.claimMentions(1, 2, 1000);
        await store.commitTurn(
          m!,
          {
            status: 'answered',
            decision: {},
            replies: [
              { text: `a${i}`, kind: 'answer' },
              { text: `b${i}`, kind: 'answer' },
            ],
          },
          3,
        );
      }
      const client = await connectTestRedis();
      const pendingThreads = () => client.sMembers(`${prefix}threads:bot-pending`);
      expect((await pendingThreads()).sort()).toEqual(['sandbox:t1', 'sandbox:t2', 'sandbox:t3']);
      // t1 is taken by a person (its replies are cancelled), t2 goes out, t3's first part fails (its second part is cancelled with it).
      await handoff.transition({
        channel: 'sandbox',
        threadId: 't1',
        from: TRANSITIONS.claim.from,
        to: 'agent',
        assignee: 'ann',
        event: { type: 'claim', actor: 'ann' },
        now: 4,
      });
      for (let now = 5; now < 10; now++) {
        for (const r of await store.claimDueReplies(10, now, 1000, [])) {
          if (r.threadId === 't3') await store.markReplyFailed(r.id, 'gone', now);
          else await store.markRepliesSent([{ id: r.id, platformId: `p${r.id}` }], now);
        }
      }
      expect((await store.stats()).outbox).toEqual({ cancelled: 3, sent: 2, failed: 1 });
      expect(await pendingThreads()).toEqual([]);
      expect(await client.keys(`${prefix}bot-pending:*`)).toEqual([]);
      await client.close();
    } finally {
      await store.close();
      await b.dispose();
    }
  });

  it("queues a double-submitted agent reply once, and a claim from another instance stops the owner's next reply", async () => {
    const b = redisHandoffBackend();
    const { store, handoff } = await b.open();
    const other = await b.openAnother();
    try {
      await store.acceptMention(mention('m1'), 1, 61);
      const [m] = await store.claimMentions(1, 2, 1000);
      await store.commitTurn(m!, { status: 'handed_off', decision: {}, replies: [], threadState: 'waiting' }, 10);
      const claim = { channel: 'sandbox', threadId: 't1', from: TRANSITIONS.claim.from, to: TRANSITIONS.claim.to, now: 20 };
      expect((await other.transition({ ...claim, assignee: 'ann', event: { type: 'claim', actor: 'ann' } })).ok).toBe(true);
      const reply = {
        channel: 'sandbox',
        threadId: 't1',
        actor: 'ann',
        parts: ['one', 'two'],
        inReplyTo: 'm1',
        recipient: '@ann',
        requestId: 'r1',
        now: 30,
      };
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? other : handoff).queueAgentReply(reply)));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(results.flatMap((r) => r.replyIds)).toHaveLength(2);
      expect((await handoff.transcript('sandbox', 't1')).events.filter((e) => e.type === 'human_first_response')).toHaveLength(1);
      // Reassigned on the other instance: ann's next reply is refused, with the thread as it is.
      const reassign = { channel: 'sandbox', threadId: 't1', from: TRANSITIONS.reassign.from, to: TRANSITIONS.reassign.to, now: 40 };
      expect(
        (await other.transition({ ...reassign, ifAssignee: 'ann', assignee: 'bob', event: { type: 'reassign', actor: 'ann' } })).ok,
      ).toBe(true);
      const refused = await handoff.queueAgentReply({ ...reply, requestId: 'r2', now: 50 });
      expect(refused).toMatchObject({ ok: false, replyIds: [], thread: { state: 'agent', assignee: 'bob' } });
      expect((await handoff.listThreads(['waiting', 'agent'])).map((t) => t.thread.assignee)).toEqual(['bob']);
    } finally {
      await store.close();
      await b.dispose();
    }
  });
});
