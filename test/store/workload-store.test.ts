import { afterEach, describe, expect, it } from 'vitest';
import type { HandoffStore, TransitionRequest } from '../../store/handoff-store.js';
import type { Store, TurnOutcome } from '../../store/store.js';
import { redisHandoffBackend, sqliteHandoffBackend } from './handoff-backends.js';
import type { HandoffBackend } from './handoff-store-contract.js';
import { mention } from './store-contract.js';

const handedOff: TurnOutcome = {
  status: 'handed_off',
  decision: { reason: 'not_understood', understanding: { intent: 'refund', confidence: 0.3 } },
  replies: [{ text: 'A person will answer here.', kind: 'acknowledgement' }],
  threadState: 'waiting',
};

const claim = (threadId: string, assignee: string, claimCap?: number): TransitionRequest => ({
  channel: 'sandbox',
  threadId,
  from: ['waiting'],
  to: 'agent',
  assignee,
  ...(claimCap !== undefined ? { claimCap } : {}),
  event: { type: 'claim', actor: assignee },
  now: 100,
});

for (const [name, make] of [
  ['SQLite', sqliteHandoffBackend],
  ['Redis', redisHandoffBackend],
] as [string, () => HandoffBackend][]) {
  describe(`${name} workload balance`, () => {
    let backend: HandoffBackend;
    let store: Store;
    let handoff: HandoffStore;
    const open = async () => {
      backend = make();
      ({ store, handoff } = await backend.open());
    };
    afterEach(async () => {
      await store.close();
      await backend.dispose();
    });
    /** Threads handed off by the bot, each in the queue (waiting). */
    const handOff = async (...threadIds: string[]) => {
      for (const [i, threadId] of threadIds.entries()) {
        await store.acceptMention(mention(`m-${threadId}`, { threadId }), 1, 61);
        const [m] = await store.claimMentions(1, 2, 1000);
        expect(await store.commitTurn(m!, handedOff, 10 + i)).toBe(true);
      }
    };

    it('refuses a claim past the cap in the same step, counting only the new owner’s other claims', async () => {
      await open();
      await handOff('t1', 't2', 't3');
      expect((await handoff.transition(claim('t1', 'ann', 2))).ok).toBe(true);
      expect((await handoff.transition(claim('t2', 'ann', 2))).ok).toBe(true);
      const refused = await handoff.transition(claim('t3', 'ann', 2));
      expect(refused).toMatchObject({ ok: false, overCap: true, thread: { threadId: 't3', state: 'waiting', assignee: null } });
      // Nothing recorded for the refused claim.
      expect((await handoff.transcript('sandbox', 't3')).events.map((e) => e.type)).not.toContain('claim');
      // Another person under their cap may take it; without a cap anyone may.
      expect((await handoff.transition(claim('t3', 'bob', 2))).ok).toBe(true);
      await handoff.transition({ ...claim('t2', 'ann'), from: ['agent'], to: 'resolved', event: { type: 'resolve', actor: 'ann' } });
      // A resolved thread no longer counts: ann is under her cap again.
      await handOff('t4');
      expect((await handoff.transition(claim('t4', 'ann', 2))).ok).toBe(true);
      expect((await handoff.getThread('sandbox', 't4'))?.assignee).toBe('ann');
    });

    it('an over-cap refusal is told apart from a lost race', async () => {
      await open();
      await handOff('t1');
      expect((await handoff.transition(claim('t1', 'ann', 5))).ok).toBe(true);
      const lost = await handoff.transition(claim('t1', 'bob', 5));
      expect(lost.ok).toBe(false);
      expect(lost.ok === false && lost.overCap).toBeFalsy();
    });

    it('holds the cap under concurrent claims from two instances, counting only the owner’s other claims', async () => {
      await open();
      const ids = Array.from({ length: 10 }, (_, i) => `c${i}`);
      await handOff(...ids, 'b1');
      expect((await handoff.transition(claim('b1', 'bob', 3))).ok).toBe(true);
      const other = await backend.openAnother();
      const results = await Promise.all(ids.map((id, i) => (i % 2 ? handoff : other).transition(claim(id, 'ann', 3))));
      expect(results.filter((r) => r.ok)).toHaveLength(3);
      expect(results.filter((r) => !r.ok && r.overCap)).toHaveLength(7);
      const owned = (await handoff.listThreads(['agent'])).filter((t) => t.thread.assignee === 'ann').map((t) => t.thread.threadId);
      expect(owned).toHaveLength(3);
      // At her cap, a step on a thread she owns does not count that thread against her.
      const own: TransitionRequest = { ...claim(owned[0]!, 'ann', 3), from: ['agent'], event: { type: 'reassign', actor: 'ann' } };
      expect((await handoff.transition(own)).ok).toBe(true);
      // Giving one back makes room for exactly one more, whichever instance claims.
      await handoff.transition({
        ...claim(owned[1]!, 'ann'),
        from: ['agent'],
        to: 'waiting',
        assignee: null,
        event: { type: 'release', actor: 'ann' },
      });
      const again = await Promise.all(ids.map((id, i) => (i % 2 ? other : handoff).transition(claim(id, 'ann', 3))));
      expect(again.filter((r) => r.ok)).toHaveLength(1);
    });

    it('rotates round robin in name order, from where the last instance or run left off', async () => {
      await open();
      expect(await handoff.nextInRotation('billing', ['cy', 'ann', 'bob'])).toBe('ann');
      expect(await handoff.nextInRotation('billing', ['cy', 'ann', 'bob'])).toBe('bob');
      // Another instance (or the service after a restart) goes on from the stored pick.
      const other = await backend.openAnother();
      expect(await other.nextInRotation('billing', ['ann', 'bob', 'cy'])).toBe('cy');
      expect(await handoff.nextInRotation('billing', ['ann', 'bob', 'cy'])).toBe('ann');
      // A person gone from the candidates (signed out, at their cap) is skipped; the turn wraps round.
      expect(await handoff.nextInRotation('billing', ['ann', 'cy'])).toBe('cy');
      expect(await handoff.nextInRotation('billing', ['bob'])).toBe('bob');
      expect(await handoff.nextInRotation('billing', [])).toBeUndefined();
      // Each team keeps its own turn.
      expect(await handoff.nextInRotation('tech', ['bob', 'cy'])).toBe('bob');
      expect(await handoff.nextInRotation('billing', ['ann', 'bob', 'cy'])).toBe('cy');
    });

    it('shares the turn between instances assigning at once: each candidate picked equally', async () => {
      await open();
      const other = await backend.openAnother();
      const picks = await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 ? handoff : other).nextInRotation('tech', ['ann', 'bob', 'cy'])),
      );
      const counts = new Map<string, number>();
      for (const p of picks) counts.set(p!, (counts.get(p!) ?? 0) + 1);
      expect(Object.fromEntries(counts)).toEqual({ ann: 4, bob: 4, cy: 4 });
    });

    it("keeps a rule's priority on the thread, changes its listed version, and clears it", async () => {
      await open();
      await handOff('t1');
      const ref = { channel: 'sandbox', threadId: 't1' };
      const before = (await handoff.listOpenThreadVersions())[0]!.version;
      expect((await handoff.getThread('sandbox', 't1'))?.routedPriority).toBeNull();
      expect(await handoff.setRoutedPriority({ ...ref, priority: 'high', now: 50 })).toBe(true);
      expect(await handoff.setRoutedPriority({ ...ref, priority: 'high', now: 51 })).toBe(false);
      expect((await handoff.getThread('sandbox', 't1'))?.routedPriority).toBe('high');
      expect((await handoff.listThreads(['waiting']))[0]!.thread.routedPriority).toBe('high');
      expect((await handoff.listOpenThreadVersions())[0]!.version).not.toBe(before);
      expect(await handoff.setRoutedPriority({ ...ref, priority: null, now: 52 })).toBe(true);
      expect((await handoff.getThread('sandbox', 't1'))?.routedPriority).toBeNull();
      expect(await handoff.setRoutedPriority({ channel: 'sandbox', threadId: 'none', priority: 'low', now: 53 })).toBe(false);
    });
  });
}
