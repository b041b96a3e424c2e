import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mention } from '../../store/mention.js';
import type { Store, TurnOutcome } from '../../store/store.js';
import type { HandoffStore, TransitionRequest } from '../../store/handoff-store.js';
import { TRANSITIONS, type ThreadAction } from '../../store/thread-state.js';
import type { HandoffBackend } from './handoff-store-contract.js';
import { mention } from './store-contract.js';

const understood = (priority: string) => ({ intent: 'outage', confidence: 0.8, sentiment: 'negative', urgency: [], priority });
const handedOff: TurnOutcome = {
  status: 'handed_off',
  decision: { reason: 'not_understood', understanding: understood('normal') },
  replies: [{ text: 'A person will answer here.', kind: 'acknowledgement' }],
  threadState: 'waiting',
};
/** What the bot commits for a mention in a thread people hold: no reply, the understanding kept. */
const routed = (priority = 'high'): TurnOutcome => ({
  status: 'routed',
  decision: { reason: 'thread_owned_by_human', understanding: understood(priority) },
  replies: [],
});
const native = (state: 'agent' | 'resolved'): TurnOutcome => ({
  status: 'ignored',
  decision: { reason: 'human_reply_on_platform' },
  replies: [],
  threadState: state,
  assignee: 'platform:@acme',
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

/** Issue 17, lifecycle: the customer-replied state, the unread marker and the next response, on every backend. */
export function describeCustomerRepliedContract(name: string, backend: () => HandoffBackend) {
  describe(name, () => {
    let b: HandoffBackend;
    let store: Store;
    let handoff: HandoffStore;

    const commit = async (m: Mention, outcome: TurnOutcome, now: number) => {
      await store.acceptMention(m, now - 2, now + 60);
      const [stored] = await store.claimMentions(1, now - 1, 1000);
      expect(stored?.platformId).toBe(m.platformId);
      expect(await store.commitTurn(stored!, outcome, now)).toBe(true);
    };
    const thread = () => handoff.getThread('sandbox', 't1');
    const reply = (actor: string, now: number, requestId = `r${now}`) =>
      handoff.queueAgentReply({
        channel: 'sandbox',
        threadId: 't1',
        actor,
        parts: ['On it.'],
        inReplyTo: 'm1',
        recipient: '@ann',
        requestId,
        now,
      });
    /** t1 handed off at 10, claimed by sam at 20, answered by sam at 30. */
    const answeredBySam = async () => {
      await commit(mention('m1', { text: 'my router is dead' }), handedOff, 10);
      expect((await handoff.transition(act('claim', 'sam', 20, { assignee: 'sam' }))).ok).toBe(true);
      expect((await reply('sam', 30)).ok).toBe(true);
    };

    beforeEach(async () => {
      b = backend();
      ({ store, handoff } = await b.open());
    });
    afterEach(async () => {
      await store.close();
      await b.dispose();
    });

    it('a follow-up in a thread a person owns marks it customer-replied and unread from the first one; their reply clears both and records the next response', async () => {
      await answeredBySam();
      expect(await thread()).toMatchObject({ customerRepliedAt: null, unreadAt: null });
      await commit(mention('m2', { text: 'still down, and the app too' }), routed('high'), 100);
      await commit(mention('m3', { text: 'hello??' }), routed('urgent'), 150);
      expect(await thread()).toMatchObject({ state: 'agent', assignee: 'sam', customerRepliedAt: 100, unreadAt: 100 });
      // The queue reads the latest mention with its understanding: the priority follows the follow-up.
      const [listed] = await handoff.listThreads(['waiting', 'agent']);
      expect(listed!.latest).toMatchObject({ platformId: 'm3', decision: { understanding: { priority: 'urgent' } } });

      expect((await reply('sam', 400)).ok).toBe(true);
      expect(await thread()).toMatchObject({ customerRepliedAt: null, unreadAt: null, firstHumanReplyAt: 30 });
      const events = (await handoff.transcript('sandbox', 't1')).events;
      expect(events.filter((e) => e.type === 'human_next_response')).toEqual([
        expect.objectContaining({ actor: 'sam', at: 400, data: { ms: 300 } }),
      ]);
      expect(events.filter((e) => e.type === 'human_first_response')).toHaveLength(1);
      const [day] = await handoff.slaDays(0);
      expect(day).toMatchObject({ humanFirstResponsesMs: [20], humanNextResponsesMs: [300] });
    });

    it('waiting: a follow-up counts only after a person already replied; a bot thread is never customer-replied', async () => {
      await commit(mention('m1'), handedOff, 10);
      await commit(mention('m2'), routed(), 20);
      expect(await thread()).toMatchObject({ state: 'waiting', customerRepliedAt: null, unreadAt: null });
      await handoff.transition(act('claim', 'sam', 30, { assignee: 'sam' }));
      await reply('sam', 40);
      await handoff.transition(act('release', 'sam', 50, { assignee: null, ifAssignee: 'sam' }));
      await commit(mention('m3'), routed(), 60);
      expect(await thread()).toMatchObject({ state: 'waiting', customerRepliedAt: 60, unreadAt: 60 });

      await commit(mention('b1', { threadId: 't2' }), { status: 'answered', decision: {}, replies: [{ text: 'hi', kind: 'answer' }] }, 70);
      expect(await handoff.getThread('sandbox', 't2')).toMatchObject({ state: 'bot', customerRepliedAt: null, unreadAt: null });
    });

    it('a follow-up in a resolved thread goes back to its person with the event customer_replied; without a person, to the queue', async () => {
      await answeredBySam();
      expect((await handoff.transition(act('resolve', 'sam', 40, { ifAssignee: 'sam' }))).ok).toBe(true);
      await commit(mention('m2', { author: '@ann' }), routed(), 100);
      expect(await thread()).toMatchObject({ state: 'agent', assignee: 'sam', customerRepliedAt: 100, unreadAt: 100 });
      const reopened = (await handoff.transcript('sandbox', 't1')).events.find((e) => e.type === 'customer_replied');
      expect(reopened).toMatchObject({ actor: '@ann', at: 100, data: { state: 'agent', assignee: 'sam' } });
      expect((await handoff.listThreads(['agent'])).map((t) => t.thread.threadId)).toEqual(['t1']);
      // Not idle: the reopening counts as activity, so the idle release leaves it with sam for now.
      expect(await handoff.idleClaims(100)).toHaveLength(0);

      // Answered natively by the brand and resolved: the follow-up waits in the queue for anyone.
      await commit(mention('n1', { threadId: 't2', text: 'my bill' }), handedOff, 200);
      await commit(mention('n2', { threadId: 't2', author: '@acme', text: 'Sent you a DM' }), native('resolved'), 210);
      expect(await handoff.getThread('sandbox', 't2')).toMatchObject({
        state: 'resolved',
        assignee: 'platform:@acme',
        firstHumanReplyAt: 210,
      });
      // The acknowledgement still queued would come after the brand's answer: cancelled, never sent.
      expect((await handoff.transcript('sandbox', 't2')).replies.map((r) => [r.kind, r.status])).toEqual([
        ['acknowledgement', 'cancelled'],
      ]);
      expect((await store.claimDueReplies(10, 250, 1000, [])).filter((r) => r.threadId === 't2')).toEqual([]);
      await commit(mention('n3', { threadId: 't2', text: 'no DM arrived' }), routed(), 300);
      expect(await handoff.getThread('sandbox', 't2')).toMatchObject({ state: 'waiting', assignee: null, customerRepliedAt: 300 });
    });

    it('a native reply answers the follow-up (next response recorded) and resolves the thread, keeping its person', async () => {
      await answeredBySam();
      await commit(mention('m2'), routed(), 100);
      await commit(mention('m3', { author: '@acme', text: 'Sam here, fixed it' }), native('resolved'), 160);
      expect(await thread()).toMatchObject({ state: 'resolved', assignee: 'sam', customerRepliedAt: null, unreadAt: null });
      const events = (await handoff.transcript('sandbox', 't1')).events;
      expect(events.find((e) => e.type === 'human_next_response')).toMatchObject({ actor: 'platform:@acme', data: { ms: 60 } });
      expect(events.find((e) => e.type === 'state:resolved')).toMatchObject({ actor: 'platform:@acme' });
      expect(await handoff.listThreads(['waiting', 'agent'])).toHaveLength(0);
    });

    it('the unread marker is cleared by its owner (or anyone when no person owns the thread), never by someone else', async () => {
      await answeredBySam();
      await commit(mention('m2'), routed(), 100);
      expect(await handoff.markRead({ channel: 'sandbox', threadId: 't1', reader: 'bob', now: 110 })).toMatchObject({
        ok: false,
        thread: { unreadAt: 100 },
      });
      expect(await handoff.markRead({ channel: 'sandbox', threadId: 't1', reader: 'sam', now: 120 })).toMatchObject({
        ok: true,
        thread: { unreadAt: null, customerRepliedAt: 100 },
      });
      await handoff.transition(act('release', 'sam', 130, { assignee: null, ifAssignee: 'sam' }));
      await commit(mention('m3'), routed(), 140);
      expect((await handoff.markRead({ channel: 'sandbox', threadId: 't1', reader: 'bob', now: 150 })).ok).toBe(true);
      expect(await thread()).toMatchObject({ unreadAt: null, customerRepliedAt: 100 });
      expect((await handoff.markRead({ channel: 'sandbox', threadId: 'nope', reader: 'bob', now: 150 })).thread).toBeUndefined();
    });

    it('an unconfirmed hand back fails while a follow-up waits (compare-and-set); a confirmed one goes through and clears it', async () => {
      await answeredBySam();
      await commit(mention('m2'), routed(), 100);
      const handBack = act('hand_back', 'sam', 110, { assignee: null, ifAssignee: 'sam' });
      expect(await handoff.transition({ ...handBack, ifNoCustomerReply: true })).toMatchObject({
        ok: false,
        thread: { state: 'agent', customerRepliedAt: 100 },
      });
      expect(await handoff.transition(handBack)).toMatchObject({
        ok: true,
        thread: { state: 'bot', customerRepliedAt: null, unreadAt: null },
      });
      // Once the bot holds it again, a mention is the bot's (not a follow-up for people).
      await commit(mention('m3'), { status: 'answered', decision: {}, replies: [{ text: 'hi', kind: 'answer' }] }, 200);
      expect(await thread()).toMatchObject({ state: 'bot', customerRepliedAt: null });
    });

    it("the brand's own top-level post leaves no thread; a thread that holds a customer's mention is never dropped", async () => {
      const own: TurnOutcome = { status: 'ignored', decision: { reason: 'brand_post' }, replies: [], dropThread: true };
      await commit(mention('p1', { threadId: 'p1', author: '@acme', text: 'Our summer sale starts today' }), own, 10);
      expect(await handoff.getThread('sandbox', 'p1')).toBeUndefined();
      // A customer answering that post opens the thread afresh.
      await commit(mention('c1', { threadId: 'p1', text: 'does it include routers?' }), handedOff, 20);
      expect(await handoff.getThread('sandbox', 'p1')).toMatchObject({ state: 'waiting' });
      await commit(mention('p2', { threadId: 'p1', author: '@acme', text: 'Yes it does' }), own, 30);
      expect(await handoff.getThread('sandbox', 'p1')).toMatchObject({ state: 'waiting' });
    });
  });
}
