import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LISTED_TEXT_CHARS } from '../../store/step-budget.js';
import type { Store, TurnOutcome } from '../../store/store.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import { TRANSITIONS } from '../../store/thread-state.js';
import { mention } from './store-contract.js';
import type { HandoffBackend } from './handoff-store-contract.js';

const noReply = (reason: string, courtesy?: string): TurnOutcome => ({
  status: 'no_reply',
  decision: { reason, understanding: { intent: 'praise', confidence: 0.9 } },
  replies: courtesy ? [{ text: courtesy, kind: 'courtesy' }] : [],
});
const handedOff: TurnOutcome = {
  status: 'handed_off',
  decision: { reason: 'not_understood' },
  replies: [{ text: 'ack', kind: 'acknowledgement' }],
  threadState: 'waiting',
};
const answered: TurnOutcome = {
  status: 'answered',
  decision: { reason: 'knowledge_match' },
  replies: [{ text: 'answer', kind: 'answer' }],
};

/** Issue 15: the no-reply view (listNoReply) and an agent's handoff of one (handOffNoReply), on every backend. */
export function describeNoReplyContract(name: string, backend: () => HandoffBackend) {
  describe(name, () => {
    let b: HandoffBackend;
    let store: Store;
    let handoff: HandoffStore;
    const day = Date.UTC(2026, 10, 22);

    /** Accepts and decides one mention in its own thread (`id` is its platform id and thread id); returns its mention id. */
    const decide = async (id: string, outcome: TurnOutcome, text = `text of ${id}`) => {
      await store.acceptMention(mention(id, { threadId: id, text }), day, day + 60_000);
      const [m] = await store.claimMentions(1, day, 1000);
      expect(await store.commitTurn(m!, outcome, day + 1)).toBe(true);
      return m!.id;
    };

    beforeEach(async () => {
      b = backend();
      ({ store, handoff } = await b.open());
    });
    afterEach(async () => {
      await store.close();
      await b.dispose();
    });

    it('lists only no-reply mentions, newest first, with the reason and the courtesy reply as it went; by reason; a page at a time', async () => {
      const thanks = await decide('c1', noReply('courtesy', 'Glad we could help, @ann!'));
      await decide('h1', handedOff);
      const spam = await decide('s1', noReply('spam'));
      await decide('a1', answered);
      const noise = await decide('n1', noReply('noise'), '@acme 👍');
      const long = await decide('c2', noReply('courtesy'), `thanks ${'é'.repeat(LISTED_TEXT_CHARS * 2)}`);
      const [courtesyReply] = (await store.claimDueReplies(10, day + 2, 1000, [])).filter((r) => r.kind === 'courtesy');
      await store.markRepliesSent([{ id: courtesyReply!.id, platformId: 'x1' }], day + 3);

      const all = await handoff.listNoReply({ limit: 10 });
      expect(all.map((n) => [n.mention.id, n.reason])).toEqual([
        [long, 'courtesy'],
        [noise, 'noise'],
        [spam, 'spam'],
        [thanks, 'courtesy'],
      ]);
      expect(all[3]).toMatchObject({
        mention: { channel: 'sandbox', threadId: 'c1', author: '@ann', text: 'text of c1', status: 'no_reply' },
        courtesy: { text: 'Glad we could help, @ann!', status: 'sent' },
        handedOff: null,
      });
      expect(all[1]).toMatchObject({ mention: { text: '@acme 👍' }, courtesy: null });
      // A long text comes cut, as in the queue (the thread view has it whole).
      expect(all[0]!.mention.text.length).toBeLessThanOrEqual(LISTED_TEXT_CHARS);
      expect(all[0]!.mention.text.startsWith('thanks éé')).toBe(true);

      expect((await handoff.listNoReply({ limit: 10, reason: 'courtesy' })).map((n) => n.mention.id)).toEqual([long, thanks]);
      expect((await handoff.listNoReply({ limit: 10, reason: 'spam' })).map((n) => n.mention.id)).toEqual([spam]);
      expect(await handoff.listNoReply({ limit: 10, reason: 'nonsense' })).toEqual([]);

      const first = await handoff.listNoReply({ limit: 3 });
      const second = await handoff.listNoReply({ limit: 3, beforeId: first.at(-1)!.mention.id });
      expect([...first, ...second].map((n) => n.mention.id)).toEqual([long, noise, spam, thanks]);
      expect(await handoff.listNoReply({ limit: 3, beforeId: thanks })).toEqual([]);
      expect((await handoff.listNoReply({ limit: 1, reason: 'courtesy', beforeId: long })).map((n) => n.mention.id)).toEqual([thanks]);
    });

    it('an agent turns one into a handoff once: the thread is queued with the mention, audited, still counted apart in the SLA report', async () => {
      const spam = await decide('s1', noReply('spam'));
      const done = await handoff.handOffNoReply({ mentionId: spam, actor: 'ann', now: day + 5000 });
      expect(done).toMatchObject({
        outcome: 'handed_off',
        channel: 'sandbox',
        threadId: 's1',
        handedOff: { by: 'ann', at: day + 5000 },
        thread: { state: 'waiting', assignee: null, handoffAt: day + 5000 },
      });

      const queue = await handoff.listThreads(['waiting', 'agent']);
      expect(queue.map((q) => [q.thread.threadId, q.latest?.id])).toEqual([['s1', spam]]);
      // Twice is not two handoffs: nothing changes, the first agent and time are kept.
      const again = await handoff.handOffNoReply({ mentionId: spam, actor: 'bob', now: day + 9000 });
      expect(again).toMatchObject({
        outcome: 'already',
        handedOff: { by: 'ann', at: day + 5000 },
        thread: { state: 'waiting', handoffAt: day + 5000 },
      });
      const events = (await handoff.transcript('sandbox', 's1')).events.filter((e) => e.type === 'hand_off');
      expect(events).toEqual([
        {
          channel: 'sandbox',
          threadId: 's1',
          type: 'hand_off',
          actor: 'ann',
          at: day + 5000,
          data: { mentionId: spam, noReply: 'spam', queued: true },
        },
      ]);
      expect((await handoff.listNoReply({ limit: 5 }))[0]).toMatchObject({
        mention: { id: spam, status: 'no_reply' },
        handedOff: { by: 'ann', at: day + 5000 },
      });

      // A person takes it like any handoff; the report still counts the mention apart (not owed an acknowledgement, not missed).
      expect(
        (
          await handoff.transition({
            channel: 'sandbox',
            threadId: 's1',
            from: TRANSITIONS.claim.from,
            to: 'agent',
            assignee: 'ann',
            event: { type: 'claim', actor: 'ann' },
            now: day + 6000,
          })
        ).ok,
      ).toBe(true);
      expect(await handoff.slaDays(day)).toEqual([
        {
          day: '2026-11-22',
          mentions: 0,
          within1m: 0,
          within5m: 0,
          within60m: 0,
          noReply: 1,
          humanFirstResponsesMs: [],
          humanNextResponsesMs: [],
        },
      ]);
    });

    it('of concurrent handoffs by two instances exactly one is made; other mentions are refused', async () => {
      const thanks = await decide('c1', noReply('courtesy'));
      const answer = await decide('a1', answered);
      const other = await b.openAnother();
      const results = await Promise.all([
        handoff.handOffNoReply({ mentionId: thanks, actor: 'ann', now: day + 10 }),
        other.handOffNoReply({ mentionId: thanks, actor: 'bob', now: day + 10 }),
      ]);
      expect(results.map((r) => r.outcome).sort()).toEqual(['already', 'handed_off']);
      expect((await handoff.transcript('sandbox', 'c1')).events.filter((e) => e.type === 'hand_off')).toHaveLength(1);
      expect(await handoff.handOffNoReply({ mentionId: answer, actor: 'ann', now: day + 11 })).toEqual({ outcome: 'not_found' });
      expect(await handoff.handOffNoReply({ mentionId: 987_654, actor: 'ann', now: day + 11 })).toEqual({ outcome: 'not_found' });
      expect((await store.getThread('sandbox', 'a1'))?.state).toBe('bot');
    });

    it('in a thread a person already has, the thread stays theirs; the handoff is recorded on the mention and the thread', async () => {
      const first = await decide('t1', handedOff);
      expect(first).toBeGreaterThan(0);
      await handoff.transition({
        channel: 'sandbox',
        threadId: 't1',
        from: ['waiting'],
        to: 'agent',
        assignee: 'cy',
        event: { type: 'claim', actor: 'cy' },
        now: day + 2,
      });
      // A no-reply mention in that thread (say, decided before the claim).
      await store.acceptMention(mention('t1-thanks', { threadId: 't1', text: 'cheers' }), day + 3, day + 60_000);
      const [m] = await store.claimMentions(1, day + 3, 1000);
      expect(await store.commitTurn(m!, noReply('courtesy'), day + 4)).toBe(true);
      const done = await handoff.handOffNoReply({ mentionId: m!.id, actor: 'ann', now: day + 5 });
      expect(done).toMatchObject({ outcome: 'handed_off', thread: { state: 'agent', assignee: 'cy' } });
      expect((await handoff.transcript('sandbox', 't1')).events.at(-1)).toMatchObject({
        type: 'hand_off',
        actor: 'ann',
        data: { mentionId: m!.id, queued: false },
      });
    });
  });
}
