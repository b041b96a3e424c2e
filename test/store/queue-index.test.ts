import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mention } from '../../store/mention.js';
import type { Store, TurnOutcome } from '../../store/store.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import { queueScore, scoreParts, type QueueViewName } from '../../store/queue-index.js';
import type { HandoffBackend } from './handoff-store-contract.js';
import { redisHandoffBackend, sqliteHandoffBackend } from './handoff-backends.js';
import { mention } from './store-contract.js';
import { TRANSITIONS } from '../../store/thread-state.js';

const handedOff: TurnOutcome = {
  status: 'handed_off',
  decision: { reason: 'not_understood', understanding: { intent: 'refund', confidence: 0.4 } },
  replies: [],
  threadState: 'waiting',
};
const routed: TurnOutcome = { status: 'routed', decision: { reason: 'thread_owned_by_human' }, replies: [] };

/** Issue 17, queue pages: the store keeps the open threads in queue order, a sorted index per view, on both stores. */
function describeQueueIndex(name: string, backend: () => HandoffBackend) {
  describe(name, () => {
    let b: HandoffBackend;
    let store: Store;
    let handoff: HandoffStore;
    const accept = async (m: Mention, now: number) => {
      await store.acceptMention(m, now, now + 60);
      const [stored] = await store.claimMentions(1, now, 1000);
      return stored!;
    };
    const handOff = async (threadId: string, now: number) =>
      store.commitTurn(await accept(mention(`m-${threadId}-${now}`, { threadId }), now), handedOff, now);
    const ids = async (view: QueueViewName, assignee?: string) =>
      (await handoff.queueEntries({ view, assignee, after: null, limit: 100 })).map((e) => e.threadId);
    const rankAll = async (priorities: Record<string, number>) =>
      handoff.rankThreads((await handoff.unrankedThreads()).map((u) => ({ ...u, priority: priorities[u.threadId] ?? 0 })));
    const transition = (threadId: string, kind: keyof typeof TRANSITIONS, now: number, assignee?: string) =>
      handoff.transition({
        channel: 'sandbox',
        threadId,
        from: TRANSITIONS[kind].from,
        to: TRANSITIONS[kind].to,
        ...(assignee ? { assignee } : {}),
        event: { type: kind, actor: assignee ?? 'sam' },
        now,
      });
    beforeEach(async () => {
      b = backend();
      ({ store, handoff } = await b.open());
    });
    afterEach(async () => {
      await store.close();
      await b.dispose();
    });

    it('a score packs priority (higher first), then unanswered before answered, then the earliest wait', () => {
      const a = queueScore(9, false, 1_800_000_000_000);
      expect(scoreParts(a)).toEqual({ priority: 9, answered: false, since: 1_800_000_000_000 });
      expect(queueScore(10, true, 2_000_000_000_000)).toBeLessThan(a);
      expect(queueScore(9, true, 1)).toBeGreaterThan(a);
      expect(queueScore(9, false, 1_799_999_999_999)).toBeLessThan(a);
    });

    it('handed-off threads enter open and waiting unranked, in wait order; ranked, the higher priority goes first', async () => {
      await handOff('t1', 10);
      await handOff('t2', 20);
      await handOff('t3', 30);
      expect(await ids('open')).toEqual(['t1', 't2', 't3']);
      expect(await ids('waiting')).toEqual(['t1', 't2', 't3']);
      expect((await handoff.unrankedThreads()).map((u) => u.threadId).sort()).toEqual(['t1', 't2', 't3']);
      await rankAll({ t3: 12, t2: 4 });
      expect(await handoff.unrankedThreads()).toEqual([]);
      expect(await ids('open')).toEqual(['t3', 't2', 't1']);
      expect(await handoff.queueCounts('sam')).toEqual({ open: 3, waiting: 3, replied: 0, mine: 0 });
    });

    it('a new mention or decision forgets the priority; a rank read before it is not stored', async () => {
      await handOff('t1', 10);
      const [before] = await handoff.unrankedThreads();
      await rankAll({ t1: 12 });
      const m2 = await accept(mention('m2', { threadId: 't1' }), 11);
      const [again] = await handoff.unrankedThreads();
      expect(again?.threadId).toBe('t1');
      await handoff.rankThreads([{ ...before!, priority: 40 }]);
      expect((await handoff.unrankedThreads()).length).toBe(1);
      await handoff.rankThreads([{ ...again!, priority: 8 }]);
      expect(await handoff.unrankedThreads()).toEqual([]);
      await store.commitTurn(m2, routed, 12);
      expect((await handoff.unrankedThreads()).map((u) => u.threadId)).toEqual(['t1']);
    });

    it('a claim moves a thread from waiting to its owner; a customer reply to replied; a resolve out of every view', async () => {
      await handOff('t1', 10);
      await handOff('t2', 20);
      await transition('t1', 'claim', 30, 'sam');
      expect(await ids('waiting')).toEqual(['t2']);
      expect(await ids('mine', 'sam')).toEqual(['t1']);
      expect(await ids('mine', 'kim')).toEqual([]);
      await handoff.queueAgentReply({
        channel: 'sandbox',
        threadId: 't1',
        actor: 'sam',
        parts: ['On it.'],
        inReplyTo: 'm-t1-10',
        recipient: '@ann',
        requestId: 'r1',
        now: 40,
      });
      // Answered: after every unanswered thread.
      expect(await ids('open')).toEqual(['t2', 't1']);
      await store.commitTurn(await accept(mention('m3', { threadId: 't1' }), 50), routed, 50);
      expect(await ids('replied')).toEqual(['t1']);
      // Unanswered again, waiting since the customer wrote: after t2, waiting since 20.
      expect((await handoff.queueEntries({ view: 'open', after: null, limit: 9 })).map((e) => scoreParts(e.score))).toEqual([
        { priority: 0, answered: false, since: 20 },
        { priority: 0, answered: false, since: 50 },
      ]);
      expect(await handoff.queueCounts('sam')).toEqual({ open: 2, waiting: 1, replied: 1, mine: 1 });
      await transition('t1', 'resolve', 60);
      expect(await ids('open')).toEqual(['t2']);
      expect(await ids('mine', 'sam')).toEqual([]);
      expect(await ids('replied')).toEqual([]);
      expect(await handoff.unrankedThreads()).toEqual([expect.objectContaining({ threadId: 't2' })]);
    });

    it('pages after a cursor go through threads tied on score by channel and thread id, none twice or missed', async () => {
      for (const t of ['d', 'b', 'a', 'c']) await handOff(t, 10);
      await handOff('e', 20);
      const first = await handoff.queueEntries({ view: 'open', after: null, limit: 2 });
      expect(first.map((e) => e.threadId)).toEqual(['a', 'b']);
      const second = await handoff.queueEntries({ view: 'open', after: first[1]!, limit: 2 });
      expect(second.map((e) => e.threadId)).toEqual(['c', 'd']);
      const third = await handoff.queueEntries({ view: 'open', after: second[1]!, limit: 2 });
      expect(third.map((e) => e.threadId)).toEqual(['e']);
      // A cursor whose thread left the view (resolved) still ends where it was.
      await transition('b', 'resolve', 30);
      expect((await handoff.queueEntries({ view: 'open', after: first[1]!, limit: 9 })).map((e) => e.threadId)).toEqual(['c', 'd', 'e']);
    });

    it('a team queue pages through its own threads only (and those in no team when asked), with its size', async () => {
      for (const t of ['a', 'b', 'c', 'd', 'e', 'f']) await handOff(t, 10);
      await handOff('g', 20);
      const team = (threadId: string, name: string) =>
        handoff.setThreadTeam({ channel: 'sandbox', threadId, team: name, actor: 'lead', now: 11 });
      for (const t of ['a', 'c', 'e', 'g']) await team(t, 'billing');
      await team('b', 'shipping');
      const cut = async (after: Awaited<ReturnType<typeof handoff.queueEntries>>[number] | null, noTeam: boolean) =>
        handoff.queueEntriesInTeams({ view: 'open', after, limit: 2, teams: ['billing'], noTeam });
      const first = await cut(null, false);
      expect(first.entries.map((e) => e.threadId)).toEqual(['a', 'c']);
      expect(first.total).toBe(4);
      const second = await cut(first.entries[1]!, false);
      expect(second.entries.map((e) => e.threadId)).toEqual(['e', 'g']);
      expect((await cut(second.entries[1]!, false)).entries).toEqual([]);
      // With the threads in no team (d, f): still in queue order, ties by thread.
      const wide = await handoff.queueEntriesInTeams({ view: 'open', after: null, limit: 9, teams: ['billing'], noTeam: true });
      expect(wide.entries.map((e) => e.threadId)).toEqual(['a', 'c', 'd', 'e', 'f', 'g']);
      expect(wide.total).toBe(6);
      const waiting = await handoff.queueEntriesInTeams({ view: 'waiting', after: null, limit: 9, teams: ['shipping'], noTeam: false });
      expect(waiting).toEqual({ entries: [expect.objectContaining({ threadId: 'b' })], total: 1 });
    });
  });
}

describeQueueIndex('SQLite: queue index', sqliteHandoffBackend);
describeQueueIndex('Redis: queue index', redisHandoffBackend);
