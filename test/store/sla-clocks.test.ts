import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mention } from '../../store/mention.js';
import type { Store, TurnOutcome } from '../../store/store.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import type { SlaNotice } from '../../store/queue-index.js';
import { TRANSITIONS } from '../../store/thread-state.js';
import type { HandoffBackend } from './handoff-store-contract.js';
import { redisHandoffBackend, sqliteHandoffBackend } from './handoff-backends.js';
import { mention } from './store-contract.js';

const handedOff: TurnOutcome = {
  status: 'handed_off',
  decision: { reason: 'not_understood', understanding: { intent: 'refund', confidence: 0.4 } },
  replies: [],
  threadState: 'waiting',
};
const routed: TurnOutcome = { status: 'routed', decision: { reason: 'thread_owned_by_human' }, replies: [] };

/** Issue 17, the handoff loop: the store keeps each SLA notice's threads in clock order, so the loop reads only what is due. */
function describeSlaClocks(name: string, backend: () => HandoffBackend) {
  describe(name, () => {
    let b: HandoffBackend;
    let store: Store;
    let handoff: HandoffStore;
    const commit = async (m: Mention, outcome: TurnOutcome, now: number) => {
      await store.acceptMention(m, now, now + 60);
      const [stored] = await store.claimMentions(1, now, 1000);
      expect(await store.commitTurn(stored!, outcome, now)).toBe(true);
    };
    const handOff = (threadId: string, now: number) => commit(mention(`m-${threadId}`, { threadId }), handedOff, now);
    const clocks = async (notice: SlaNotice, limit = 10) =>
      (await handoff.slaClocks({ notice, limit })).map((c) => `${c.threadId}@${c.since}`);
    const notice = (threadId: string, type: string, at: number, since: number) =>
      handoff.recordEventOnce({ channel: 'sandbox', threadId, type, actor: 'system', at }, since);
    const act = (threadId: string, kind: keyof typeof TRANSITIONS, now: number, assignee?: string) =>
      handoff.transition({
        channel: 'sandbox',
        threadId,
        from: TRANSITIONS[kind].from,
        to: TRANSITIONS[kind].to,
        ...(assignee ? { assignee } : {}),
        event: { type: kind, actor: assignee ?? 'sam' },
        now,
      });
    const reply = (threadId: string, now: number) =>
      handoff.queueAgentReply({
        channel: 'sandbox',
        threadId,
        actor: 'sam',
        parts: ['On it.'],
        inReplyTo: `m-${threadId}`,
        recipient: '@ann',
        requestId: `r${now}`,
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

    it('handed-off threads wait for their warning and breach, earliest first, until each is recorded; a breach also ends the warning', async () => {
      await handOff('t1', 10);
      await handOff('t2', 20);
      await handOff('t3', 30);
      expect(await clocks('warning')).toEqual(['t1@10', 't2@20', 't3@30']);
      expect(await clocks('breach', 2)).toEqual(['t1@10', 't2@20']);
      expect(await clocks('next_breach')).toEqual([]);

      expect(await notice('t1', 'sla_warning', 40, 10)).toBe(true);
      expect(await clocks('warning')).toEqual(['t2@20', 't3@30']);
      expect(await clocks('breach')).toEqual(['t1@10', 't2@20', 't3@30']);
      // Breached before its warning was sent: no warning is due any more.
      expect(await notice('t2', 'sla_breach', 50, 20)).toBe(true);
      expect(await clocks('warning')).toEqual(['t3@30']);
      expect(await clocks('breach')).toEqual(['t1@10', 't3@30']);
      // Another instance recorded it first: the thread leaves all the same.
      expect(await notice('t1', 'sla_breach', 60, 10)).toBe(true);
      expect(await notice('t1', 'sla_breach', 61, 10)).toBe(false);
      expect(await clocks('breach')).toEqual(['t3@30']);
      // Other events leave the clocks as they are.
      await notice('t3', 'sla_other', 62, 30);
      expect(await clocks('breach')).toEqual(['t3@30']);
    });

    it('a notice recorded before the clocks existed is found at its claim, which marks the thread', async () => {
      await handOff('t1', 10);
      await handoff.recordEvent({ channel: 'sandbox', threadId: 't1', type: 'sla_warning', actor: 'system', at: 15 });
      expect(await clocks('warning')).toEqual(['t1@10']);
      expect(await notice('t1', 'sla_warning', 20, 10)).toBe(false);
      expect(await clocks('warning')).toEqual([]);
      expect(await clocks('breach')).toEqual(['t1@10']);
    });

    it("a person's first reply stops the first clock; a follow-up starts the next-reply one; resolving stops every clock", async () => {
      await handOff('t1', 10);
      await handOff('t2', 20);
      expect((await act('t1', 'claim', 30, 'sam')).ok).toBe(true);
      // Claimed is not answered: the clock runs on.
      expect(await clocks('breach')).toEqual(['t1@10', 't2@20']);
      expect((await reply('t1', 40)).ok).toBe(true);
      expect(await clocks('warning')).toEqual(['t2@20']);
      expect(await clocks('breach')).toEqual(['t2@20']);

      await commit(mention('m-t1-2', { threadId: 't1' }), routed, 100);
      expect(await clocks('next_breach')).toEqual(['t1@100']);
      expect(await clocks('breach')).toEqual(['t2@20']);
      expect(await notice('t1', 'sla_next_breach', 200, 100)).toBe(true);
      expect(await clocks('next_breach')).toEqual([]);
      // Answered, then a second follow-up: its own clock.
      expect((await reply('t1', 300)).ok).toBe(true);
      await commit(mention('m-t1-3', { threadId: 't1' }), routed, 400);
      expect(await clocks('next_breach')).toEqual(['t1@400']);

      expect((await act('t1', 'resolve', 500)).ok).toBe(true);
      expect((await act('t2', 'close', 510)).ok).toBe(true);
      for (const n of ['warning', 'breach', 'next_breach'] as const) expect(await clocks(n)).toEqual([]);
    });

    it('idle claims: the oldest activity first, none once released or resolved', async () => {
      await handOff('t1', 10);
      await handOff('t2', 20);
      await act('t1', 'claim', 30, 'sam');
      await act('t2', 'claim', 40, 'sam');
      expect((await handoff.idleClaims(41)).map((t) => t.threadId).sort()).toEqual(['t1', 't2']);
      expect((await handoff.idleClaims(35)).map((t) => t.threadId)).toEqual(['t1']);
      expect((await reply('t1', 50)).ok).toBe(true);
      expect((await handoff.idleClaims(45)).map((t) => t.threadId)).toEqual(['t2']);
      expect((await act('t2', 'resolve', 60)).ok).toBe(true);
      expect((await handoff.idleClaims(1000)).map((t) => t.threadId)).toEqual(['t1']);
    });
  });
}

describeSlaClocks('SLA clocks (SQLite)', sqliteHandoffBackend);
describeSlaClocks('SLA clocks (Redis)', redisHandoffBackend);
