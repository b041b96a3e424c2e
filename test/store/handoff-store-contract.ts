import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LISTED_TEXT_CHARS } from '../../store/step-budget.js';
import type { Store, TurnOutcome } from '../../store/store.js';
import type { HandoffStore, TransitionRequest } from '../../store/handoff-store.js';
import { TRANSITIONS, type ThreadAction } from '../../store/thread-state.js';
import { mention } from './store-contract.js';

export interface HandoffBackend {
  /** A fresh data set: the responder's store and the handoff store on it. */
  open(): Promise<{ store: Store; handoff: HandoffStore }>;
  /** Another connection to the same data (another instance). */
  openAnother(): Promise<HandoffStore>;
  dispose(): Promise<void>;
}

const handedOff = (): TurnOutcome => ({
  status: 'handed_off',
  decision: {
    reason: 'not_understood',
    understanding: { intent: 'refund', confidence: 0.3, sentiment: 'negative', complaint: true, urgency: ['legal'], priority: 'urgent' },
  },
  replies: [{ text: 'A person will answer here.', kind: 'acknowledgement' }],
  threadState: 'waiting',
});

const act = (action: ThreadAction, actor: string, now: number, extra: Partial<TransitionRequest> = {}): TransitionRequest => ({
  channel: 'sandbox',
  threadId: 't1',
  from: TRANSITIONS[action].from,
  to: TRANSITIONS[action].to,
  event: { type: action, actor },
  now,
  ...extra,
});

/** The HandoffStore contract every backend keeps. */
export function describeHandoffStoreContract(name: string, backend: () => HandoffBackend) {
  describe(name, () => {
    let b: HandoffBackend;
    let store: Store;
    let handoff: HandoffStore;

    /** A thread t1 handed off by the bot at time 10 (its acknowledgement queued). */
    const handOffThread = async () => {
      await store.acceptMention(mention('m1', { text: 'I want my money back or I call my lawyer' }), 1, 61);
      const [m] = await store.claimMentions(1, 2, 1000);
      expect(await store.commitTurn(m!, handedOff(), 10)).toBe(true);
    };

    beforeEach(async () => {
      b = backend();
      ({ store, handoff } = await b.open());
    });
    afterEach(async () => {
      await store.close();
      await b.dispose();
    });

    it('a handoff puts the thread in the queue with its latest mention and the understanding', async () => {
      await handOffThread();
      const queue = await handoff.listThreads(['waiting', 'agent']);
      expect(queue).toHaveLength(1);
      expect(queue[0]!.thread).toMatchObject({ channel: 'sandbox', threadId: 't1', state: 'waiting', assignee: null, handoffAt: 10 });
      expect(queue[0]!.latest?.text).toContain('lawyer');
      expect(queue[0]!.latest?.decision).toMatchObject({ understanding: { intent: 'refund', priority: 'urgent' } });
      expect(await handoff.listThreads(['bot'])).toHaveLength(0);
    });

    it('finding 2: the queue listing carries the start of a long mention, never its whole text; the transcript has it whole', async () => {
      // Multi-byte characters: the cut never splits one.
      const long = `Refund please ${'é€😀'.repeat(200_000)}`;
      await store.acceptMention(mention('m1', { text: long }), 1, 61);
      await store.acceptMention(mention('m2', { threadId: 't2', text: 'where is my order?' }), 1, 61);
      for (let i = 0; i < 2; i++)
        for (const m of await store.claimMentions(10, 2, 1000)) expect(await store.commitTurn(m, handedOff(), 10)).toBe(true);
      const queue = await handoff.listThreads(['waiting', 'agent']);
      const listed = new Map(queue.map((t) => [t.thread.threadId, t.latest!.text]));
      expect(listed.get('t2')).toBe('where is my order?');
      const head = listed.get('t1')!;
      expect(Array.from(head)).toHaveLength(LISTED_TEXT_CHARS);
      expect(head).toBe(
        `${Array.from(long)
          .slice(0, LISTED_TEXT_CHARS - 1)
          .join('')}…`,
      );
      expect((await handoff.transcript('sandbox', 't1')).mentions[0]!.text).toBe(long);
    });

    it("finding 3: a reply given up puts the bot's thread in the queue with the reason, kept until a person resolves it", async () => {
      await store.acceptMention(mention('m1', { text: 'where is my parcel?' }), 1, 61);
      const [m] = await store.claimMentions(1, 2, 1000);
      await store.commitTurn(
        m!,
        { status: 'answered', decision: { reason: 'knowledge_match' }, replies: [{ text: 'On its way.', kind: 'answer' }] },
        3,
      );
      const [r] = await store.claimDueReplies(10, 5, 1000, []);
      const reason = 'reply could not be sent: sandbox unreachable for 6 h (OUTBOX_RETRY_HORIZON_MINUTES; last error: 503)';
      await store.markReplyFailed(r!.id, reason, 20);
      const queue = await handoff.listThreads(['waiting', 'agent']);
      expect(queue.map((q) => q.thread)).toEqual([
        expect.objectContaining({ threadId: 't1', state: 'waiting', assignee: null, handoffAt: 20, replyFailure: { reason, at: 20 } }),
      ]);
      expect(queue[0]!.latest?.text).toBe('where is my parcel?');
      const t = await handoff.transcript('sandbox', 't1');
      expect(t.replies.map((x) => x.status)).toEqual(['failed']);
      expect(t.events.map((e) => e.type)).toEqual(['reply_failed', 'state:waiting']);
      // Claimed and released: still to be dealt with. Resolved: gone.
      expect(await handoff.transition(act('claim', 'ana', 30, { assignee: 'ana' }))).toMatchObject({
        ok: true,
        thread: { state: 'agent', replyFailure: { reason, at: 20 } },
      });
      expect(await handoff.transition(act('release', 'ana', 31, { assignee: null, ifAssignee: 'ana' }))).toMatchObject({
        ok: true,
        thread: { state: 'waiting', replyFailure: { reason, at: 20 } },
      });
      expect((await handoff.transition(act('claim', 'ana', 32, { assignee: 'ana' }))).ok).toBe(true);
      const resolved = await handoff.transition(act('resolve', 'ana', 33, { ifAssignee: 'ana' }));
      expect(resolved).toMatchObject({ ok: true, thread: { state: 'resolved', replyFailure: null } });
      expect((await handoff.getThread('sandbox', 't1'))!.replyFailure).toBeNull();
    });

    it('20 concurrent claims on one thread, from two connections: exactly one wins', async () => {
      await handOffThread();
      const other = await b.openAnother();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? other : handoff).transition(act('claim', `agent${i}`, 20 + i, { assignee: `agent${i}` })),
        ),
      );
      const winners = results.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      const thread = await handoff.getThread('sandbox', 't1');
      expect(thread?.state).toBe('agent');
      expect(thread?.assignee).toBe(winners[0]!.thread!.assignee);
      // Every loser is told who holds it.
      for (const r of results.filter((r) => !r.ok)) expect(r.thread?.assignee).toBe(thread?.assignee);
    });

    it('walks every transition, recording who and when; refuses transitions from the wrong state or by someone else', async () => {
      await handOffThread();
      expect((await handoff.transition(act('claim', 'ann', 20, { assignee: 'ann' }))).ok).toBe(true);
      // Only the owner releases, hands back or resolves.
      expect((await handoff.transition(act('release', 'bob', 21, { ifAssignee: 'bob', assignee: null }))).ok).toBe(false);
      expect((await handoff.transition(act('release', 'ann', 22, { ifAssignee: 'ann', assignee: null }))).ok).toBe(true);
      expect((await handoff.getThread('sandbox', 't1'))?.state).toBe('waiting');
      expect((await handoff.transition(act('resolve', 'ann', 23, { ifAssignee: 'ann' }))).ok).toBe(false);
      expect((await handoff.transition(act('claim', 'bob', 24, { assignee: 'bob' }))).ok).toBe(true);
      expect((await handoff.transition(act('reassign', 'bob', 25, { ifAssignee: 'bob', assignee: 'cid' }))).thread?.assignee).toBe('cid');
      expect((await handoff.transition(act('resolve', 'cid', 26, { ifAssignee: 'cid' }))).thread?.state).toBe('resolved');
      expect((await handoff.transition(act('close', 'cid', 27, { ifAssignee: 'cid' }))).thread?.state).toBe('closed');
      expect((await handoff.transition(act('claim', 'dan', 28, { assignee: 'dan' }))).thread?.state).toBe('agent');
      expect((await handoff.transition(act('hand_back', 'dan', 29, { ifAssignee: 'dan', assignee: null }))).thread).toMatchObject({
        state: 'bot',
        assignee: null,
      });
      const events = (await handoff.transcript('sandbox', 't1')).events.map((e) => `${e.type}:${e.actor}@${e.at}`);
      expect(events).toEqual([
        'state:waiting:bot@10',
        'claim:ann@20',
        'release:ann@22',
        'claim:bob@24',
        'reassign:bob@25',
        'resolve:cid@26',
        'close:cid@27',
        'claim:dan@28',
        'hand_back:dan@29',
      ]);
    });

    it('a claim made while the bot was deciding wins over the handoff the bot commits afterwards', async () => {
      await store.acceptMention(mention('m1'), 1, 61);
      const [m] = await store.claimMentions(1, 2, 1000);
      expect((await handoff.transition(act('claim', 'ann', 5, { assignee: 'ann' }))).ok).toBe(true);
      expect(await store.commitTurn(m!, handedOff(), 10)).toBe(true);
      expect(await handoff.getThread('sandbox', 't1')).toMatchObject({ state: 'agent', assignee: 'ann' });
    });

    it('an agent reply is queued only by the owner, once per request id, and silences queued bot replies', async () => {
      await handOffThread();
      const reply = {
        channel: 'sandbox',
        threadId: 't1',
        parts: ['Hi Ann, ', 'refund done.'],
        inReplyTo: 'm1',
        recipient: '@ann',
        requestId: 'r1',
        now: 40,
      };
      expect((await handoff.queueAgentReply({ ...reply, actor: 'ann' })).ok).toBe(false);
      await handoff.transition(act('claim', 'ann', 30, { assignee: 'ann' }));
      const first = await handoff.queueAgentReply({ ...reply, actor: 'ann' });
      expect(first.ok).toBe(true);
      expect(first.replyIds).toHaveLength(2);
      expect(first.firstResponseMs).toBe(30);
      const again = await handoff.queueAgentReply({ ...reply, actor: 'ann' });
      expect(again.replyIds).toHaveLength(0);
      expect(again.firstResponseMs).toBeNull();
      // The bot's acknowledgement was still queued: it is cancelled, the person's parts go out in order.
      const due = await store.claimDueReplies(10, 50, 1000, []);
      expect(due.map((r) => [r.kind, r.text])).toEqual([['agent', 'Hi Ann, ']]);
      const t = await handoff.transcript('sandbox', 't1');
      expect(t.replies.map((r) => [r.kind, r.status, r.author])).toEqual([
        ['acknowledgement', 'cancelled', null],
        ['agent', 'pending', 'ann'],
        ['agent', 'pending', 'ann'],
      ]);
      expect(t.events.find((e) => e.type === 'human_first_response')).toMatchObject({ actor: 'ann', data: { ms: 30 } });
      expect((await handoff.getThread('sandbox', 't1'))?.firstHumanReplyAt).toBe(40);
    });

    it("a brand post the bot did not send makes the thread the person's; one it sent does not", async () => {
      await handOffThread();
      // The bot's acknowledgement goes out and the platform gives it id p-ack.
      const [ack] = await store.claimDueReplies(1, 20, 1000, []);
      await store.markRepliesSent([{ id: ack!.id, platformId: 'p-ack' }], 21);
      expect(await store.isOwnReply('sandbox', 't1', 'p-ack', 'anything')).toBe(true);
      expect(await store.isOwnReply('sandbox', 't1', 'p-other', 'A person will answer here.')).toBe(true);
      expect(await store.isOwnReply('sandbox', 't1', 'p-human', 'Hi Ann, this is Sam from Acme.')).toBe(false);
      await store.acceptMention(mention('p-human', { author: '@acme', text: 'Hi Ann, this is Sam from Acme.' }), 30, 90);
      const [m] = await store.claimMentions(1, 31, 1000);
      const taken: TurnOutcome = {
        status: 'ignored',
        decision: { reason: 'human_reply_on_platform' },
        replies: [],
        threadState: 'agent',
        assignee: 'platform:@acme',
      };
      expect(await store.commitTurn(m!, taken, 40)).toBe(true);
      expect(await handoff.getThread('sandbox', 't1')).toMatchObject({ state: 'agent', assignee: 'platform:@acme', firstHumanReplyAt: 40 });
      expect((await handoff.transcript('sandbox', 't1')).events.find((e) => e.type === 'human_first_response')).toMatchObject({
        data: { ms: 30 },
      });
      // Platform owners are never released as idle: nobody in the console holds them.
      expect(await handoff.idleClaims(10_000_000)).toHaveLength(0);
    });

    it('finds idle claims, and releasing one fails if the person acted in between', async () => {
      await handOffThread();
      await handoff.transition(act('claim', 'ann', 100, { assignee: 'ann' }));
      expect(await handoff.idleClaims(100)).toHaveLength(0);
      const [idle] = await handoff.idleClaims(101);
      expect(idle).toMatchObject({ assignee: 'ann', lastAgentActivityAt: 100 });
      await handoff.queueAgentReply({
        channel: 'sandbox',
        threadId: 't1',
        actor: 'ann',
        parts: ['on it'],
        inReplyTo: 'm1',
        recipient: '@ann',
        requestId: 'r',
        now: 150,
      });
      const stale = await handoff.transition(
        act('idle_release', 'system', 200, { ifAssignee: 'ann', ifLastActivityAt: idle!.lastAgentActivityAt, assignee: null }),
      );
      expect(stale.ok).toBe(false);
      const fresh = await handoff.transition(
        act('idle_release', 'system', 200, { ifAssignee: 'ann', ifLastActivityAt: 150, assignee: null }),
      );
      expect(fresh.thread).toMatchObject({ state: 'waiting', assignee: null });
    });

    it('keeps events to send notifications once', async () => {
      await handOffThread();
      const warning = (at: number) => ({ channel: 'sandbox', threadId: 't1', type: 'sla_warning', actor: 'system', at });
      await handoff.recordEvent(warning(50));
      // An event of the type since `since` makes a second one a no-op; one before `since` does not.
      expect(await handoff.recordEventOnce(warning(55), 0)).toBe(false);
      expect(await handoff.recordEventOnce(warning(55), 50)).toBe(false);
      expect((await handoff.transcript('sandbox', 't1')).events.filter((e) => e.type === 'sla_warning').map((e) => e.at)).toEqual([50]);
      // Several instances sending the same notice at once: exactly one records it.
      const other = await b.openAnother();
      const once = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? other : handoff).recordEventOnce({ channel: 'sandbox', threadId: 't1', type: 'sla_breach', actor: `i${i}`, at: 60 }, 10),
        ),
      );
      expect(once.filter(Boolean)).toHaveLength(1);
      expect(await handoff.recordEventOnce({ channel: 'sandbox', threadId: 't1', type: 'sla_warning', actor: 'system', at: 70 }, 51)).toBe(
        true,
      );
      expect(await handoff.recordEventOnce({ channel: 'sandbox', threadId: 't1', type: 'sla_warning', actor: 'system', at: 71 }, 51)).toBe(
        false,
      );
    });

    it('reports acknowledgement shares and human first responses per day', async () => {
      const day = Date.UTC(2026, 10, 20);
      for (const [i, delay] of [30_000, 200_000, 1_000_000, 5_000_000].entries()) {
        await store.acceptMention(mention(`d${i}`, { threadId: `t${i}` }), day + i, day + i + 60_000);
        const [m] = await store.claimMentions(1, day + i, 1000);
        await store.commitTurn(
          m!,
          i === 0 ? handedOff() : { status: 'answered', decision: {}, replies: [{ text: `a${i}`, kind: 'answer' }] },
          day + i,
        );
        const [r] = await store.claimDueReplies(1, day + i + delay, 1000, []);
        await store.markRepliesSent([{ id: r!.id, platformId: `p${i}` }], day + i + delay);
      }
      await handoff.transition({ ...act('claim', 'ann', day + 100_000, { assignee: 'ann' }), threadId: 't0' });
      await handoff.queueAgentReply({
        channel: 'sandbox',
        threadId: 't0',
        actor: 'ann',
        parts: ['hi'],
        inReplyTo: 'd0',
        recipient: '@ann',
        requestId: 'x',
        now: day + 600_000,
      });
      const days = await handoff.slaDays(day - 1);
      expect(days).toEqual([
        {
          day: '2026-11-20',
          mentions: 4,
          within1m: 1,
          within5m: 2,
          within60m: 3,
          noReply: 0,
          humanFirstResponsesMs: [600_000],
          humanNextResponsesMs: [],
        },
      ]);
    });

    it('issue 15 no_reply: counts mentions that need no reply apart, so the acknowledged shares stay honest', async () => {
      const day = Date.UTC(2026, 10, 21);
      const outcomes = [
        {
          status: 'handed_off' as const,
          decision: { reason: 'not_understood' },
          replies: [{ text: 'ack', kind: 'acknowledgement' as const }],
          threadState: 'waiting' as const,
        },
        {
          status: 'no_reply' as const,
          decision: { reason: 'courtesy' },
          replies: [{ text: 'Glad we could help!', kind: 'courtesy' as const }],
        },
        { status: 'no_reply' as const, decision: { reason: 'spam' }, replies: [] },
      ];
      for (const [i, outcome] of outcomes.entries()) {
        await store.acceptMention(mention(`n${i}`, { threadId: `n${i}` }), day + i, day + i + 60_000);
        const [m] = await store.claimMentions(1, day + i, 1000);
        expect(await store.commitTurn(m!, outcome, day + i)).toBe(true);
      }
      // The acknowledgement goes out late (10 min), the courtesy at once: only the acknowledgement counts.
      for (const r of await store.claimDueReplies(10, day + 600_000, 1000, [])) {
        await store.markRepliesSent([{ id: r.id, platformId: `pn${r.id}` }], r.kind === 'courtesy' ? day + 1000 : day + 600_000);
      }
      expect(await handoff.slaDays(day - 1)).toEqual([
        {
          day: '2026-11-21',
          mentions: 1,
          within1m: 0,
          within5m: 0,
          within60m: 1,
          noReply: 2,
          humanFirstResponsesMs: [],
          humanNextResponsesMs: [],
        },
      ]);
    });
  });
}
