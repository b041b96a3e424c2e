import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mention } from '../../store/mention.js';
import type { Store, TurnOutcome } from '../../store/store.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import type { HandoffBackend } from './handoff-store-contract.js';
import { redisHandoffBackend, sqliteHandoffBackend } from './handoff-backends.js';
import { mention } from './store-contract.js';

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
    const versionOf = async (threadId: string) => (await handoff.listOpenThreadVersions()).find((v) => v.thread.threadId === threadId);

    beforeEach(async () => {
      b = backend();
      ({ store, handoff } = await b.open());
    });
    afterEach(async () => {
      await store.close();
      await b.dispose();
    });

    it('lists the open threads only, each with its row and its latest mention id and status, no text', async () => {
      await store.commitTurn(await accept(mention('m1', { text: 'refund please' }), 10), handedOff, 10);
      await store.commitTurn(
        await accept(mention('b1', { threadId: 't2' }), 11),
        { status: 'answered', decision: {}, replies: [{ text: 'hi', kind: 'answer' }] },
        11,
      );
      const versions = await handoff.listOpenThreadVersions();
      expect(versions).toHaveLength(1);
      const [listed] = await handoff.listThreads(['waiting', 'agent']);
      expect(versions[0]!.thread).toEqual(listed!.thread);
      expect(versions[0]!.latest).toEqual({ id: listed!.latest!.id, status: 'handed_off' });
    });

    it('the latest mention id and status change with a new mention and its turn, even in the same millisecond; an ignored mention never counts', async () => {
      await store.commitTurn(await accept(mention('m1'), 10), handedOff, 10);
      const before = await versionOf('t1');
      const m2 = await accept(mention('m2', { text: 'still nothing' }), 10);
      const received = await versionOf('t1');
      expect(received!.latest).toEqual({ id: m2.id, status: 'received' });
      expect(received!.latest!.id).not.toBe(before!.latest!.id);
      await store.commitTurn(m2, routed, 10);
      expect((await versionOf('t1'))!.latest).toEqual({ id: m2.id, status: 'routed' });
      await store.commitTurn(await accept(mention('m3'), 10), { status: 'ignored', decision: {}, replies: [] }, 10);
      expect((await versionOf('t1'))!.latest).toEqual({ id: m2.id, status: 'routed' });
    });

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
