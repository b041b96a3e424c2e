import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mention } from '../../store/mention.js';
import type { Store, TurnOutcome } from '../../store/store.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import type { HandoffBackend } from './handoff-store-contract.js';
import { redisHandoffBackend, sqliteHandoffBackend } from './handoff-backends.js';
import { mention } from './store-contract.js';
import { TRANSITIONS } from '../../store/thread-state.js';

const handedOff: TurnOutcome = {
  status: 'handed_off',
  decision: { reason: 'not_understood', understanding: { intent: 'refund', confidence: 0.4, priority: 'normal' } },
  replies: [{ text: 'A person will answer here.', kind: 'acknowledgement' }],
  threadState: 'waiting',
};
const routed: TurnOutcome = {
  status: 'routed',
  decision: { reason: 'thread_owned_by_human', understanding: { intent: 'outage', confidence: 0.8, priority: 'high' } },
  replies: [],
};

/** Issue 17, queue pages: what the queue listing reads to find which open threads changed, on both stores. */
function describeThreadVersions(name: string, backend: () => HandoffBackend) {
  describe(name, () => {
    let b: HandoffBackend;
    let store: Store;
    let handoff: HandoffStore;
    const accept = async (m: Mention, now: number) => {
      await store.acceptMention(m, now, now + 60);
      const [stored] = await store.claimMentions(1, now, 1000);
      expect(stored?.platformId).toBe(m.platformId);
      return stored!;
    };
    const versionOf = async (threadId: string) => (await handoff.listOpenThreadVersions()).find((v) => v.threadId === threadId)?.version;
    beforeEach(async () => {
      b = backend();
      ({ store, handoff } = await b.open());
    });
    afterEach(async () => {
      await store.close();
      await b.dispose();
    });

    it('lists the open threads only, each with a short version (no text)', async () => {
      await store.commitTurn(await accept(mention('m1', { text: 'refund please' }), 10), handedOff, 10);
      await store.commitTurn(
        await accept(mention('b1', { threadId: 't2' }), 11),
        { status: 'answered', decision: {}, replies: [{ text: 'hi', kind: 'answer' }] },
        11,
      );
      const versions = await handoff.listOpenThreadVersions();
      expect(versions.map(({ channel, threadId }) => ({ channel, threadId }))).toEqual([{ channel: 'sandbox', threadId: 't1' }]);
      expect(versions[0]!.version).not.toContain('refund');
      expect(await handoff.listOpenThreadVersions()).toEqual(versions);
    });

    it('the version changes with each new mention, its turn, a claim and a read, all in the same millisecond; an ignored mention changes nothing', async () => {
      await store.commitTurn(await accept(mention('m1'), 10), handedOff, 10);
      const seen = [await versionOf('t1')];
      const changed = async () => {
        const now = await versionOf('t1');
        expect(seen).not.toContain(now);
        seen.push(now);
      };
      const m2 = await accept(mention('m2', { text: 'still nothing' }), 10);
      await changed();
      await store.commitTurn(m2, routed, 10);
      await changed();
      await store.commitTurn(await accept(mention('m3'), 10), { status: 'ignored', decision: {}, replies: [] }, 10);
      expect(await versionOf('t1')).toBe(seen.at(-1));
      const ref = { channel: 'sandbox', threadId: 't1' };
      const claim = TRANSITIONS.claim;
      await handoff.transition({
        ...ref,
        from: claim.from,
        to: claim.to,
        assignee: 'sam',
        event: { type: 'claim', actor: 'sam' },
        now: 10,
      });
      await changed();
      await handoff.queueAgentReply({
        ...ref,
        actor: 'sam',
        parts: ['On it.'],
        inReplyTo: 'm2',
        recipient: '@ann',
        requestId: 'r1',
        now: 10,
      });
      await changed();
      await store.commitTurn(await accept(mention('m4'), 10), routed, 10);
      await changed();
      expect(await handoff.getThread('sandbox', 't1')).toMatchObject({ unreadAt: 10 });
      await handoff.markRead({ ...ref, reader: 'sam', now: 10 });
      await changed();
    });

    it.skipIf(name.startsWith('Redis'))(
      "the change journal names each open thread a listing would see changed, once; a bot thread's turns never; a resolved one as left",
      async () => {
        await store.commitTurn(await accept(mention('m1'), 10), handedOff, 10);
        let token = (await handoff.openThreadChanges!(null))!.token;
        const named = async () => {
          const changes = (await handoff.openThreadChanges!(token))!;
          expect(changes.token).toBeGreaterThanOrEqual(token);
          token = changes.token;
          return changes.changed;
        };
        const t1 = { channel: 'sandbox', threadId: 't1' };
        expect(await named()).toEqual([]);
        const m2 = await accept(mention('m2', { text: 'still nothing' }), 10);
        expect(await named()).toEqual([{ ...t1, open: true }]);
        await store.commitTurn(m2, routed, 10);
        expect(await named()).toEqual([{ ...t1, open: true }]);
        await store.commitTurn(
          await accept(mention('b1', { threadId: 't2' }), 11),
          { status: 'answered', decision: {}, replies: [{ text: 'hi', kind: 'answer' }] },
          11,
        );
        expect(await named()).toEqual([]);
        const claim = TRANSITIONS.claim;
        await handoff.transition({
          ...t1,
          from: claim.from,
          to: claim.to,
          assignee: 'sam',
          event: { type: 'claim', actor: 'sam' },
          now: 12,
        });
        await handoff.markRead({ ...t1, reader: 'sam', now: 13 });
        expect(await named()).toEqual([{ ...t1, open: true }]);
        const resolve = TRANSITIONS.resolve;
        await handoff.transition({ ...t1, from: resolve.from, to: resolve.to, event: { type: 'resolve', actor: 'sam' }, now: 14 });
        expect(await named()).toEqual([{ ...t1, open: false }]);
        // Resolved, out of the queue: a later change there is no listing's business.
        await handoff.recordEvent({ ...t1, type: 'note', actor: 'sam', at: 15 });
        expect(await named()).toEqual([]);
      },
    );

    it('lists given threads whole as listThreads does, in any state; unknown threads are left out', async () => {
      await store.commitTurn(await accept(mention('m1', { text: 'refund please' }), 10), handedOff, 10);
      await store.commitTurn(
        await accept(mention('b1', { threadId: 't2', text: 'hello bot' }), 11),
        { status: 'answered', decision: { reason: 'greeting' }, replies: [{ text: 'hi', kind: 'answer' }] },
        11,
      );
      const refs = [
        { channel: 'sandbox', threadId: 't2' },
        { channel: 'sandbox', threadId: 'nope' },
        { channel: 'sandbox', threadId: 't1' },
      ];
      const listed = await handoff.listThreadsOf(refs);
      const byThread = new Map(listed.map((l) => [l.thread.threadId, l]));
      expect([...byThread.keys()].sort()).toEqual(['t1', 't2']);
      expect(byThread.get('t1')).toEqual((await handoff.listThreads(['waiting']))[0]);
      expect(byThread.get('t2')).toMatchObject({
        thread: { state: 'bot' },
        latest: { text: 'hello bot', decision: { reason: 'greeting' } },
      });
      expect(await handoff.listThreadsOf([])).toEqual([]);
    });
  });
}

describeThreadVersions('SQLite: open thread versions', sqliteHandoffBackend);
describeThreadVersions('Redis: open thread versions', redisHandoffBackend);
