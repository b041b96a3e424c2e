import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mention } from '../../store/mention.js';
import { EARLIER_TEXT_CHARS, type Store, type TurnOutcome } from '../../store/store.js';
import type { ThreadState } from '../../store/thread-state.js';

/** How the contract reaches one backend: stores on the same data, and what only an operator or another component would do. */
export interface StoreBackend {
  /** A fresh, empty data set; returns the store the tests use. */
  open(): Promise<Store>;
  /** A second store (another connection or process) on the same data. */
  openAnother(): Promise<Store>;
  /** Sets a thread's state from outside the store interface (as the agent API would). */
  setThreadState(channel: string, threadId: string, state: ThreadState): Promise<void>;
  /** The thread's events, oldest first, `data` as stored JSON text. */
  threadEvents(channel: string, threadId: string): Promise<{ type: string; data: string }[]>;
  /** Pauses set through one connection are seen through another (false: one process per data set). */
  sharedPauses: boolean;
  /** Removes the data set (after the stores are closed). */
  dispose(): Promise<void>;
}

export const mention = (platformId: string, extra: Partial<Mention> = {}): Mention => ({
  channel: 'sandbox',
  platformId,
  threadId: 't1',
  author: '@ann',
  text: 'hello',
  createdAt: '2026-11-23T10:00:00Z',
  ...extra,
});
export const answer = (text = 'hi'): TurnOutcome => ({
  status: 'answered',
  decision: { reason: 'knowledge_match' },
  replies: [{ text, kind: 'answer' }],
});

/** The Store contract every backend must keep, registered as one describe block. */
export function describeStoreContract(name: string, backend: () => StoreBackend) {
  describe(name, () => {
    let b: StoreBackend;
    let store: Store;
    beforeEach(async () => {
      b = backend();
      store = await b.open();
    });
    afterEach(async () => {
      await store.close();
      await b.dispose();
    });

    it('stores a mention once per channel and platform id, even from two connections at once', async () => {
      const other = await b.openAnother();
      const results = await Promise.all([
        store.acceptMention(mention('m1'), 1, 61),
        other.acceptMention(mention('m1'), 1, 61),
        store.acceptMention(mention('m1', { channel: 'x' }), 1, 61),
      ]);
      expect(results.filter((r) => !r.duplicate)).toHaveLength(2);
      expect(results[0]!.mentionId).toBe(results[1]!.mentionId);
      expect((await store.stats()).mentions).toEqual({ received: 2 });
      await other.close();
    });

    it('leases a mention to one worker until the lease runs out', async () => {
      await store.acceptMention(mention('m1'), 1, 61);
      expect(await store.claimMentions(10, 100, 1000)).toHaveLength(1);
      expect(await store.claimMentions(10, 500, 1000)).toHaveLength(0);
      const again = await store.claimMentions(10, 1100, 1000);
      expect(again).toHaveLength(1);
      expect(again[0]!.attempts).toBe(2);
    });

    it('commits a decision once: a second commit for the same mention queues nothing', async () => {
      await store.acceptMention(mention('m1'), 1, 61);
      const [m] = await store.claimMentions(1, 2, 1000);
      expect(await store.commitTurn(m!, answer('first'), 3)).toBe(true);
      expect(await store.commitTurn(m!, answer('second'), 4)).toBe(false);
      const replies = await store.claimDueReplies(10, 5, 1000, []);
      expect(replies.map((r) => r.text)).toEqual(['first']);
      expect(replies[0]).toMatchObject({ inReplyTo: 'm1', threadId: 't1', recipient: '@ann', idempotencyKey: 'sandbox:m1:0' });
      expect(await store.claimMentions(10, 5000, 1000)).toHaveLength(0);
    });

    it('issue 15 no_reply: keeps a mention that needs no person with its status and reason, queues its courtesy reply and opens no handoff', async () => {
      await store.acceptMention(mention('m1'), 1, 61);
      await store.acceptMention(mention('m2', { threadId: 't2', text: '🎉' }), 1, 61);
      const [m1, m2] = await store.claimMentions(2, 2, 1000);
      expect(
        await store.commitTurn(
          m1!,
          { status: 'no_reply', decision: { reason: 'courtesy' }, replies: [{ text: 'Glad we could help, @ann!', kind: 'courtesy' }] },
          3,
        ),
      ).toBe(true);
      expect(await store.commitTurn(m2!, { status: 'no_reply', decision: { reason: 'noise' }, replies: [] }, 3)).toBe(true);
      expect(await store.getMention(m1!.id)).toMatchObject({ status: 'no_reply', decision: { reason: 'courtesy' } });
      expect(await store.getMention(m2!.id)).toMatchObject({ status: 'no_reply', decision: { reason: 'noise' } });
      expect((await store.stats()).mentions).toEqual({ no_reply: 2 });
      // The threads stay the bot's: nothing waits for a person.
      expect((await store.getThread('sandbox', 't1'))?.state).toBe('bot');
      expect((await store.getThread('sandbox', 't2'))?.state).toBe('bot');
      const replies = await store.claimDueReplies(10, 5, 1000, []);
      expect(replies.map((r) => [r.text, r.kind])).toEqual([['Glad we could help, @ann!', 'courtesy']]);
      // A courtesy reply counts towards the author's reply cap like any bot reply.
      expect(await store.countBotReplies('sandbox', '@ann', 0)).toBe(1);
    });

    it('issue 21 language: the language the turn detected is kept with the decision, and the thread context reads it', async () => {
      await store.acceptMention(mention('l1', { text: 'mon colis est perdu' }), 1, 61);
      await store.acceptMention(mention('l2', { text: 'ok' }), 1, 61);
      const [l1, l2] = await store.claimMentions(2, 2, 1000);
      const understood = (language: string | null) => ({ intent: 'out_of_scope', confidence: 0.2, topic: 'delivery', language });
      await store.commitTurn(
        l1!,
        { status: 'handed_off', decision: { reason: 'not_understood', understanding: understood('fr') }, replies: [] },
        3,
      );
      await store.commitTurn(
        l2!,
        { status: 'handed_off', decision: { reason: 'not_understood', understanding: understood(null) }, replies: [] },
        3,
      );
      expect(((await store.getMention(l1!.id))!.decision!.understanding as { language: unknown }).language).toBe('fr');
      // "Too short to tell" is an answer too: kept as null, not lost.
      expect((await store.getMention(l2!.id))!.decision!.understanding).toHaveProperty('language', null);
      const { mentionId: l3 } = await store.acceptMention(mention('l3', { text: 'toujours rien' }), 4, 64);
      const earlier = await store.earlierMentions('sandbox', 't1', l3, 10);
      expect(earlier.map((m) => [m.id, m.language])).toEqual([
        [l1!.id, 'fr'],
        [l2!.id, undefined],
      ]);
    });

    it("issue 15 thread context: reads a bounded number of the thread's earlier mentions, oldest first, texts cut, with what was decided", async () => {
      const long = `${'é'.repeat(EARLIER_TEXT_CHARS - 1)}😡 and more after the cut`;
      await store.acceptMention(mention('a1', { text: 'my parcel is late' }), 1, 61);
      await store.acceptMention(mention('b1', { threadId: 't2', text: 'another thread' }), 1, 61);
      await store.acceptMention(mention('a2', { text: long, author: '@bob' }), 1, 61);
      await store.acceptMention(mention('a3', { text: 'thanks!' }), 1, 61);
      const [a1, , a2, a3] = await store.claimMentions(4, 2, 1000);
      await store.commitTurn(
        a1!,
        {
          status: 'answered',
          decision: {
            reason: 'knowledge_match',
            entryId: 'parcel-delays',
            understanding: { intent: 'parcel-delays', confidence: 0.9, topic: 'delivery' },
          },
          replies: [{ text: 'sorry', kind: 'answer' }],
        },
        3,
      );
      await store.commitTurn(a3!, { status: 'no_reply', decision: { reason: 'courtesy' }, replies: [] }, 3);
      const { mentionId: a4 } = await store.acceptMention(mention('a4', { text: 'still not here' }), 4, 64);

      const earlier = await store.earlierMentions('sandbox', 't1', a4, 10);
      expect(earlier).toEqual([
        {
          id: a1!.id,
          author: '@ann',
          text: 'my parcel is late',
          status: 'answered',
          entryId: 'parcel-delays',
          reason: 'knowledge_match',
          topic: 'delivery',
        },
        { id: a2!.id, author: '@bob', text: `${'é'.repeat(EARLIER_TEXT_CHARS - 1)}😡`, status: 'received' },
        { id: a3!.id, author: '@ann', text: 'thanks!', status: 'no_reply', reason: 'courtesy' },
      ]);
      // Bounded: the latest `limit` before the mention, never the mention itself or later ones.
      expect((await store.earlierMentions('sandbox', 't1', a4, 2)).map((m) => m.id)).toEqual([a2!.id, a3!.id]);
      expect((await store.earlierMentions('sandbox', 't1', a3!.id, 10)).map((m) => m.id)).toEqual([a1!.id, a2!.id]);
      expect(await store.earlierMentions('sandbox', 't1', a1!.id, 10)).toEqual([]);
      expect(await store.earlierMentions('sandbox', 'nope', a4, 10)).toEqual([]);
    });

    it('sends the parts of one reply in order', async () => {
      await store.acceptMention(mention('m1'), 1, 61);
      const [m] = await store.claimMentions(1, 2, 1000);
      await store.commitTurn(
        m!,
        {
          status: 'answered',
          decision: {},
          replies: [
            { text: 'part one', kind: 'answer' },
            { text: 'part two', kind: 'answer' },
          ],
        },
        3,
      );
      const first = await store.claimDueReplies(10, 5, 1000, []);
      expect(first.map((r) => r.text)).toEqual(['part one']);
      await store.markRepliesSent([{ id: first[0]!.id, platformId: 'r1' }], 6);
      expect((await store.claimDueReplies(10, 7, 1000, [])).map((r) => r.text)).toEqual(['part two']);
    });

    it('cancels a queued bot reply once a person owns the thread', async () => {
      await store.acceptMention(mention('m1'), 1, 61);
      const [m] = await store.claimMentions(1, 2, 1000);
      await store.commitTurn(m!, answer(), 3);
      // A person takes the thread (another connection, as the agent API would) before the reply goes out.
      await b.setThreadState('sandbox', 't1', 'agent');
      expect(await store.claimDueReplies(10, 5, 1000, [])).toHaveLength(0);
      expect((await store.stats()).outbox).toEqual({ cancelled: 1 });
    });

    it('skips paused channels and honours retry times', async () => {
      await store.acceptMention(mention('m1'), 1, 61);
      const [m] = await store.claimMentions(1, 2, 1000);
      await store.commitTurn(m!, answer(), 3);
      expect(await store.claimDueReplies(10, 5, 1000, ['sandbox'])).toHaveLength(0);
      const [r] = await store.claimDueReplies(10, 5, 1000, []);
      await store.markReplyRetry(r!.id, 500, 'busy', true);
      expect(await store.claimDueReplies(10, 499, 1000, [])).toHaveLength(0);
      const [again] = await store.claimDueReplies(10, 500, 1000, []);
      expect(again!.attempts).toBe(2);
      await store.markReplyRetry(again!.id, 600, 'rate limited', false);
      expect((await store.claimDueReplies(10, 600, 1000, []))[0]!.attempts).toBe(2);
    });

    it('records a permanent failure on the thread', async () => {
      await store.acceptMention(mention('m1'), 1, 61);
      const [m] = await store.claimMentions(1, 2, 1000);
      await store.commitTurn(m!, answer(), 3);
      const [r] = await store.claimDueReplies(10, 5, 1000, []);
      await store.markReplyFailed(r!.id, 'post deleted', 6);
      expect((await store.stats()).outbox).toEqual({ failed: 1 });
      const events = await b.threadEvents('sandbox', 't1');
      expect(events.map((e) => e.type)).toContain('reply_failed');
      expect(events.find((e) => e.type === 'reply_failed')!.data).toContain('post deleted');
    });

    it("finding 3: a reply given up hands the bot's thread to a person with the reason, once", async () => {
      await store.acceptMention(mention('m1'), 1, 61);
      const [m] = await store.claimMentions(1, 2, 1000);
      await store.commitTurn(m!, answer(), 3);
      const [r] = await store.claimDueReplies(10, 5, 1000, []);
      expect(r!.queuedAt).toBe(3);
      const reason = 'reply could not be sent: sandbox refused it: HTTP 403 forbidden';
      const another = await b.openAnother();
      try {
        // Two instances giving the same reply up: one of them changes anything, the other gets undefined.
        const results = await Promise.all([store.markReplyFailed(r!.id, reason, 6), another.markReplyFailed(r!.id, reason, 6)]);
        expect(results.filter((x) => x !== undefined)).toEqual([
          { channel: 'sandbox', threadId: 't1', kind: 'answer', recipient: '@ann', mentionId: m!.id, handedOff: true, state: 'waiting' },
        ]);
      } finally {
        await another.close();
      }
      expect(await store.getThread('sandbox', 't1')).toMatchObject({ state: 'waiting', assignee: null, updatedAt: 6 });
      expect((await store.stats()).outbox).toEqual({ failed: 1 });
      const events = await b.threadEvents('sandbox', 't1');
      expect(events.filter((e) => e.type === 'reply_failed')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'state:waiting').map((e) => JSON.parse(e.data))).toEqual([
        { replyId: r!.id, reason: 'reply_failed', error: reason },
      ]);
      // Once settled it stays settled: a late retry mark does not bring it back.
      await store.markReplyRetry(r!.id, 7, 'late', true);
      expect(await store.claimDueReplies(10, 100, 1000, [])).toEqual([]);
    });

    it('finding 3: a reply given up where a person already owns the thread leaves the owner and does not hand it off again', async () => {
      await store.acceptMention(mention('m1'), 1, 61);
      const [m] = await store.claimMentions(1, 2, 1000);
      await store.commitTurn(m!, answer(), 3);
      const [r] = await store.claimDueReplies(10, 5, 1000, []);
      await b.setThreadState('sandbox', 't1', 'agent');
      expect(await store.markReplyFailed(r!.id, 'reply could not be sent: gone', 6)).toMatchObject({ handedOff: false, state: 'agent' });
      expect((await store.getThread('sandbox', 't1'))!.state).toBe('agent');
      expect((await b.threadEvents('sandbox', 't1')).map((e) => e.type)).not.toContain('state:waiting');
    });

    it("finding 3 (fast recovery): a success brings the channel's backed-off replies forward in one call, leaving attempts, deadlines, rate-limit waits and other channels alone, at most once per interval", async () => {
      const queued: Record<string, number> = {};
      for (const [id, channel, at] of [
        ['m1', 'x', 10],
        ['m2', 'x', 11],
        ['m3', 'x', 12],
        ['m4', 'mastodon', 13],
        ['m5', 'x', 14],
      ] as const) {
        await store.acceptMention(mention(id, { channel, threadId: `t-${id}` }), at, at + 60);
        const [m] = await store.claimMentions(1, at, 1000);
        await store.commitTurn(m!, answer(`reply ${id}`), at);
        queued[`reply ${id}`] = at;
      }
      const claimed = await store.claimDueReplies(10, 20, 1000, []);
      const byText = (text: string) => claimed.find((r) => r.text === text)!;
      // m1 and m2 wait on a backoff after a 503 / a refused connection, m3 for a rate-limit reset,
      // m4 on a backoff on another channel; m5 is still in flight (leased until 1020).
      await store.markReplyRetry(byText('reply m1').id, 200_000, 'X reply: HTTP 503', true);
      await store.markReplyRetry(byText('reply m2').id, 300_000, 'fetch failed: ECONNREFUSED', true);
      await store.markReplyRetry(byText('reply m3').id, 250_000, 'rate limited', false);
      await store.markReplyRetry(byText('reply m4').id, 200_000, 'HTTP 502', true);
      expect(await store.claimDueReplies(10, 500, 1000, [])).toEqual([]);
      // A mention that arrives during the outage: its reply is queued after the backlog.
      await store.acceptMention(mention('m6', { channel: 'x', threadId: 't-m6' }), 450, 510);
      const [m6] = await store.claimMentions(1, 450, 1000);
      await store.commitTurn(m6!, answer('reply m6'), 450);

      expect(await store.pullForwardRetries('x', 500, 30_000)).toBe(2);
      const due = await store.claimDueReplies(10, 500, 1000, []);
      // The backlog goes first, oldest first, before the reply queued since.
      expect(due.map((r) => r.text)).toEqual(['reply m1', 'reply m2', 'reply m6']);
      // Their own attempt counts (one before, this claim) and queued times (the deadline's start) are kept.
      expect(due.slice(0, 2).map((r) => [r.text, r.attempts, r.queuedAt])).toEqual([
        ['reply m1', 2, queued['reply m1']],
        ['reply m2', 2, queued['reply m2']],
      ]);
      await store.markRepliesSent(
        [
          { id: due[1]!.id, platformId: 'p2' },
          { id: due[2]!.id, platformId: 'p6' },
        ],
        501,
      );
      // Only once per interval: m1 fails again (the platform flaps) and the next success soon after moves nothing.
      await store.markReplyRetry(due.find((r) => r.text === 'reply m1')!.id, 400_000, 'X reply: HTTP 503', true);
      expect(await store.pullForwardRetries('x', 600, 30_000)).toBe(0);
      expect(await store.claimDueReplies(10, 1019, 1000, [])).toEqual([]);
      // The reply in flight was not touched: it comes back when its lease ends.
      const [m5] = await store.claimDueReplies(10, 1020, 1000, []);
      expect(m5!.text).toBe('reply m5');
      await store.markRepliesSent([{ id: m5!.id, platformId: 'p5' }], 1021);
      // Nor the other channel: its own success brings its reply forward.
      expect(await store.pullForwardRetries('mastodon', 1100, 30_000)).toBe(1);
      const [m4] = await store.claimDueReplies(10, 1100, 1000, []);
      expect(m4!.text).toBe('reply m4');
      await store.markRepliesSent([{ id: m4!.id, platformId: 'p4' }], 1101);
      // After the interval the next success brings m1 forward again; m3 still waits for its rate-limit reset.
      expect(await store.pullForwardRetries('x', 30_500, 30_000)).toBe(1);
      const [again] = await store.claimDueReplies(10, 30_500, 1000, []);
      expect([again!.text, again!.attempts]).toEqual(['reply m1', 3]);
      await store.markRepliesSent([{ id: again!.id, platformId: 'p1' }], 30_501);
      expect(await store.claimDueReplies(10, 249_999, 1000, [])).toEqual([]);
      expect((await store.claimDueReplies(10, 250_000, 1000, [])).map((r) => r.text)).toEqual(['reply m3']);
    });

    it("finding 3 (fast recovery): a probe makes only the channel's next backed-off reply due, attempts kept", async () => {
      for (const [id, at] of [
        ['m1', 10],
        ['m2', 11],
        ['m3', 12],
      ] as const) {
        await store.acceptMention(mention(id, { channel: 'x', threadId: `t-${id}` }), at, at + 60);
        const [m] = await store.claimMentions(1, at, 1000);
        await store.commitTurn(m!, answer(`reply ${id}`), at);
      }
      const claimed = await store.claimDueReplies(10, 20, 1000, []);
      const id = (text: string) => claimed.find((r) => r.text === text)!.id;
      await store.markReplyRetry(id('reply m1'), 300_000, 'HTTP 503', true);
      await store.markReplyRetry(id('reply m2'), 200_000, 'HTTP 503', true);
      await store.markReplyRetry(id('reply m3'), 100_000, 'rate limited', false);
      expect(await store.probeRetry('mastodon', 500)).toBe(false);
      expect(await store.probeRetry('x', 500)).toBe(true);
      const [probe] = await store.claimDueReplies(10, 500, 1000, []);
      expect([probe!.text, probe!.attempts]).toEqual(['reply m2', 2]);
      expect(await store.claimDueReplies(10, 500, 1000, [])).toEqual([]);
      await store.markReplyRetry(probe!.id, 400_000, 'HTTP 503', true);
      expect(await store.probeRetry('x', 600)).toBe(true);
      expect((await store.claimDueReplies(10, 600, 1000, [])).map((r) => r.text)).toEqual(['reply m1']);
      // Nothing waits on a backoff any more (m1 in flight, m2 ahead, m3 on a rate-limit wait): no probe.
      await store.markRepliesSent([{ id: probe!.id, platformId: 'p2' }], 601);
      expect(await store.probeRetry('x', 700)).toBe(false);
    });

    it('finding 3 (circuit breaker): one probe turn per interval per channel, whoever asks, the interval doubling', async () => {
      // The first ask opens the turns: the first probe comes one first interval later.
      expect(await store.takeProbeTurn('x', 1000, 5000, 30_000)).toEqual({ granted: false, nextAt: 6000 });
      expect(await store.takeProbeTurn('x', 5999, 5000, 30_000)).toEqual({ granted: false, nextAt: 6000 });
      expect(await store.takeProbeTurn('mastodon', 2000, 5000, 30_000)).toEqual({ granted: false, nextAt: 7000 });
      expect(await store.takeProbeTurn('x', 6000, 5000, 30_000)).toEqual({ granted: true, nextAt: 16_000 });
      expect(await store.takeProbeTurn('x', 6000, 5000, 30_000)).toEqual({ granted: false, nextAt: 16_000 });
      expect(await store.takeProbeTurn('x', 16_000, 5000, 30_000)).toEqual({ granted: true, nextAt: 36_000 });
      expect(await store.takeProbeTurn('x', 36_000, 5000, 30_000)).toEqual({ granted: true, nextAt: 66_000 });
      expect(await store.takeProbeTurn('x', 66_000, 5000, 30_000)).toEqual({ granted: true, nextAt: 96_000 });
      // The channel answered: the next outage starts over.
      await store.endProbeTurns('x');
      expect(await store.takeProbeTurn('x', 70_000, 5000, 30_000)).toEqual({ granted: false, nextAt: 75_000 });
      // Turns nobody asked for in twice the largest interval are stale: they start over too.
      expect(await store.takeProbeTurn('mastodon', 70_000, 5000, 30_000)).toEqual({ granted: false, nextAt: 75_000 });
    });

    it('finding 3 (parts of one answer): part 1 given up and the thread with a person, the later parts of that answer are cancelled, not sent out of context', async () => {
      await store.acceptMention(mention('m1'), 1, 61);
      await store.acceptMention(mention('m2'), 2, 62);
      const [m1, m2] = await store.claimMentions(2, 2, 1000);
      await store.commitTurn(
        m1!,
        {
          status: 'answered',
          decision: {},
          replies: [
            { text: 'part one', kind: 'answer' },
            { text: 'part two', kind: 'answer' },
            { text: 'part three', kind: 'answer' },
          ],
        },
        3,
      );
      await store.commitTurn(m2!, answer('another answer'), 4);
      const first = await store.claimDueReplies(10, 5, 1000, []);
      expect(first.map((r) => r.text)).toEqual(['part one', 'another answer']);
      await store.markRepliesSent([{ id: first[1]!.id, platformId: 'p2' }], 6);
      expect(await store.markReplyFailed(first[0]!.id, 'reply could not be sent: sandbox unreachable for 6 h', 7)).toMatchObject({
        handedOff: true,
        state: 'waiting',
      });
      expect((await store.stats()).outbox).toEqual({ sent: 1, failed: 1, cancelled: 2 });
      expect(await store.claimDueReplies(10, 100_000, 1000, [])).toEqual([]);
    });

    it('counts bot replies per author within the window, a multi-part reply once', async () => {
      for (const [id, at] of [
        ['m1', 10],
        ['m2', 20],
      ] as const) {
        await store.acceptMention(mention(id), at, at + 60);
        const [m] = await store.claimMentions(1, at, 1000);
        await store.commitTurn(
          m!,
          {
            status: 'answered',
            decision: {},
            replies: [
              { text: 'a', kind: 'answer' },
              { text: 'b', kind: 'answer' },
            ],
          },
          at,
        );
      }
      expect(await store.countBotReplies('sandbox', '@ann', 0)).toBe(2);
      expect(await store.countBotReplies('sandbox', '@ann', 15)).toBe(1);
      expect(await store.countBotReplies('sandbox', '@bob', 0)).toBe(0);
    });

    // Added with the Redis backend: the same behaviour, asked of both.

    it('hands each mention to exactly one of several claiming connections', async () => {
      const others = [await b.openAnother(), await b.openAnother()];
      for (let i = 0; i < 90; i++) await store.acceptMention(mention(`m${i}`, { threadId: `t${i}` }), 1, 61);
      const claims = await Promise.all([store, ...others, store, ...others].map((s) => s.claimMentions(20, 10, 1000)));
      const ids = claims.flat().map((m) => m.id);
      expect(ids).toHaveLength(90);
      expect(new Set(ids).size).toBe(90);
      for (const o of others) await o.close();
    });

    it('claims mentions oldest first and leaves the decided ones out of overdue', async () => {
      for (const id of ['m1', 'm2', 'm3']) await store.acceptMention(mention(id), 1, 61);
      const [first] = await store.claimMentions(1, 2, 1000);
      expect(first!.platformId).toBe('m1');
      await store.commitTurn(first!, answer(), 3);
      expect((await store.overdueMentions(10, 100)).map((m) => m.platformId)).toEqual(['m2', 'm3']);
      expect(await store.overdueMentions(10, 60)).toEqual([]);
      const stored = await store.getMention(first!.id);
      expect(stored).toMatchObject({ status: 'answered', decision: { reason: 'knowledge_match' }, platformId: 'm1' });
    });

    it('commits a batch: a turn already decided elsewhere is refused, the others commit', async () => {
      for (const id of ['m1', 'm2']) await store.acceptMention(mention(id), 1, 61);
      const [m1, m2] = await store.claimMentions(2, 2, 1000);
      const other = await b.openAnother();
      expect(await other.commitTurn(m1!, answer('elsewhere'), 3)).toBe(true);
      expect(
        await store.commitTurns(
          [
            { mention: m1!, outcome: answer('again') },
            { mention: m2!, outcome: { ...answer('handed'), status: 'handed_off', threadState: 'waiting' } },
          ],
          4,
        ),
      ).toEqual([false, true]);
      await other.close();
      expect((await store.claimDueReplies(10, 5, 1000, [])).map((r) => r.text).sort()).toEqual(['elsewhere', 'handed']);
      expect((await store.getThread('sandbox', 't1'))!.state).toBe('waiting');
      expect((await store.stats()).mentions).toEqual({ answered: 1, handed_off: 1 });
      expect((await b.threadEvents('sandbox', 't1')).map((e) => e.type)).toEqual(['state:waiting']);
    });

    it('takes a reply over once its lease runs out, and marks a batch sent', async () => {
      await store.acceptMention(mention('m1'), 1, 61);
      const [m] = await store.claimMentions(1, 2, 1000);
      await store.commitTurn(m!, answer(), 3);
      expect(await store.claimDueReplies(10, 5, 1000, [])).toHaveLength(1);
      expect(await store.claimDueReplies(10, 1004, 1000, [])).toHaveLength(0);
      const [again] = await store.claimDueReplies(10, 1005, 1000, []);
      expect(again!.attempts).toBe(2);
      await store.markRepliesSent([{ id: again!.id, platformId: 'p1' }], 1006);
      expect((await store.stats()).outbox).toEqual({ sent: 1 });
      expect(await store.claimDueReplies(10, 99_999, 1000, [])).toHaveLength(0);
    });

    it('keeps every field of a mention and its reply as given, any text included', async () => {
      const text = 'Ça marche pas 😡 — 注文 #12 "quoted" \\ back\nslash';
      const given = mention('m1', {
        text,
        author: '@zoë',
        authorIsBot: true,
        permalink: 'https://x.test/p/1',
        replyContext: { visibility: 'unlisted', cid: 'bafy', n: 3 },
      });
      const { mentionId } = await store.acceptMention(given, 1, 61);
      const [m] = await store.claimMentions(1, 2, 1000);
      expect(m).toEqual({ ...given, id: mentionId, receivedAt: 1, deadlineAt: 61, status: 'received', attempts: 1 });
      await store.commitTurn(
        m!,
        {
          status: 'answered',
          decision: { reason: 'knowledge_match', score: 0.91, entry: 'é' },
          replies: [{ text: `@zoë ${text}`, kind: 'answer' }],
        },
        3,
      );
      const [r] = await store.claimDueReplies(10, 5, 1000, []);
      expect(r).toEqual({
        id: r!.id,
        idempotencyKey: 'sandbox:m1:0',
        mentionId,
        channel: 'sandbox',
        threadId: 't1',
        inReplyTo: 'm1',
        recipient: '@zoë',
        text: `@zoë ${text}`,
        kind: 'answer',
        attempts: 1,
        replyContext: { visibility: 'unlisted', cid: 'bafy', n: 3 },
        receivedAt: 1,
        queuedAt: 3,
      });
      expect((await store.getMention(mentionId))!.decision).toEqual({ reason: 'knowledge_match', score: 0.91, entry: 'é' });
      expect(await store.getThread('sandbox', 't1')).toMatchObject({
        channel: 'sandbox',
        threadId: 't1',
        state: 'bot',
        assignee: null,
        updatedAt: 1,
      });
      expect(await store.getMention(9999)).toBeUndefined();
      expect(await store.getThread('sandbox', 'nope')).toBeUndefined();
    });

    it('finding 2: a claim of long mentions takes them a few at a time, within the step budget of text (always one), oldest first, texts whole', async () => {
      const long = 'x'.repeat(600_000);
      for (let i = 0; i < 4; i++) await store.acceptMention(mention(`big${i}`, { threadId: `big${i}`, text: long }), 1, 1_000_000);
      const claims: string[][] = [];
      for (let now = 2; claims.length < 5; now++) claims.push((await store.claimMentions(64, now, 60_000)).map((m) => m.platformId));
      // Two texts of 600,000 bytes are over the 1 MiB step budget: one a claim.
      expect(claims).toEqual([['big0'], ['big1'], ['big2'], ['big3'], []]);
      await store.acceptMention(mention('big4', { threadId: 'big4', text: long }), 1, 1_000_000);
      const [m] = await store.claimMentions(64, 1, 60_000);
      expect(m!.text).toBe(long);
      // A larger budget takes more; normal-size mentions still go many to a claim.
      for (let i = 0; i < 3; i++) await store.acceptMention(mention(`big${5 + i}`, { threadId: `big${5 + i}`, text: long }), 1, 1_000_000);
      expect((await store.claimMentions(64, 1, 60_000, 1_300_000)).map((c) => c.platformId)).toEqual(['big5', 'big6']);
      expect((await store.claimMentions(64, 1, 60_000)).map((c) => c.platformId)).toEqual(['big7']);
      for (let i = 0; i < 80; i++)
        await store.acceptMention(mention(`small${i}`, { threadId: `small${i}`, text: `where is my order ${i}?` }), 1, 1_000_000);
      const small = await store.claimMentions(64, 2, 60_000);
      expect(small).toHaveLength(64);
    });

    it('finding 2: overdue long mentions come a few at a time too, earliest deadline first', async () => {
      const long = 'y'.repeat(600_000);
      for (let i = 0; i < 3; i++) await store.acceptMention(mention(`late${i}`, { threadId: `late${i}`, text: long }), 1, 10 - i);
      expect((await store.overdueMentions(100, 20)).map((m) => m.platformId)).toEqual(['late2']);
      expect((await store.overdueMentions(100, 20, 1_300_000)).map((m) => m.platformId)).toEqual(['late2', 'late1']);
      for (let i = 0; i < 120; i++) await store.acceptMention(mention(`s${i}`, { threadId: `s${i}` }), 1, 5);
      expect(await store.overdueMentions(100, 20)).toHaveLength(100);
    });

    it('shares channel pauses: the later one wins, and they end on time', async () => {
      const other = await b.openAnother();
      await store.pauseChannel('x', 500);
      await store.pauseChannel('x', 400);
      await store.pauseChannel('mastodon', 300);
      const viewers = b.sharedPauses ? [store, other] : [store];
      for (const s of viewers) {
        expect(await s.pausedChannels(100)).toEqual({ x: 500, mastodon: 300 });
        expect(await s.pausedChannels(300)).toEqual({ x: 500 });
        expect(await s.pausedChannels(500)).toEqual({});
      }
      await other.close();
    });
  });
}
