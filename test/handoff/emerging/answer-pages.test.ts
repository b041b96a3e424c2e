import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANSWER_LEASE_MS, ANSWER_PAGE, answerGroup, type AnswerGroupDeps } from '../../../handoff/emerging/answer-group.js';
import { createAnswerRunner } from '../../../handoff/emerging/answer-runner.js';
import { createThreadActions, type ThreadActions } from '../../../handoff/thread-actions.js';
import { threadKey } from '../../../handoff/thread-key.js';
import { createStore, type Stores } from '../../../store/create-store.js';
import type { HandoffStore } from '../../../store/handoff-store.js';
import type { TurnOutcome } from '../../../store/store.js';
import { deletePrefix, REDIS_URL } from '../../store/redis-test-backend.js';
import { mention } from '../../store/store-contract.js';

// Answering an emerging group's threads a page at a time (issue 19) on the real backends: every thread
// answered once across pages, presses and instances; an answering stopped mid-way resumes after a restart.

const handedOff: TurnOutcome = {
  status: 'handed_off',
  decision: { reason: 'not_understood', understanding: { intent: 'gift_cards', confidence: 0.3 } },
  replies: [{ text: 'A person will answer here.', kind: 'acknowledgement' }],
  threadState: 'waiting',
};
const mia = { name: 'mia', roles: ['agent' as const, 'editor' as const] };
const ann = { name: 'ann', roles: ['agent' as const] };

for (const backend of ['SQLite', 'Redis'] as const) {
  describe(`answering an emerging group in pages on ${backend}`, () => {
    let dir: string;
    let prefix: string;
    let opened: Stores[];
    let clock: number;
    const open = async () => {
      const s = await createStore({ DATA_DIR: dir, REDIS_PREFIX: prefix, ...(backend === 'Redis' ? { REDIS_URL } : {}) });
      opened.push(s);
      return s;
    };
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'fr-answer-pages-'));
      prefix = `first-reply-test:${randomUUID()}:`;
      opened = [];
      clock = 1_800_000_000_000;
    });
    afterEach(async () => {
      for (const s of opened) await s.store.close();
      if (backend === 'Redis') await deletePrefix(REDIS_URL, prefix);
      rmSync(dir, { recursive: true, force: true });
    });

    const actionsOn = (s: Stores) =>
      createThreadActions({ handoff: s.handoff, events: s.events, channels: new Map(), isAgent: async () => true, now: () => clock });
    const depsOn = (s: Stores, actions: ThreadActions = actionsOn(s), handoff: HandoffStore = s.handoff): AnswerGroupDeps => ({
      groups: s.emerging,
      handoff,
      actions,
      replyFor: (entryId, m) => `Hi ${m.author}, ${entryId}: balances are back.`,
      now: () => clock,
    });
    /** Threads handed off by the bot (waiting), saved as one raised group. */
    const raise = async (s: Stores, id: string, n: number) => {
      const ids = Array.from({ length: n }, (_, i) => `${id}-t${i}`);
      for (const [i, threadId] of ids.entries()) {
        await s.store.acceptMention(mention(`m-${threadId}`, { threadId, author: `@c${i}` }), clock, clock + 60_000);
        const [m] = await s.store.claimMentions(1, clock, 1000);
        expect(await s.store.commitTurn(m!, handedOff, clock)).toBe(true);
      }
      await s.emerging.saveGroup({
        id,
        raisedAt: clock,
        size: n,
        authors: n,
        words: ['gift', 'card'],
        samples: ['gift card balance gone'],
        draftId: 'gift-cards',
        draftYaml: '  - id: gift-cards',
        threadKeys: ids.map((t) => threadKey('sandbox', t)),
      });
      return ids;
    };
    /** Each thread's replies by a person and answered_with_entry records, and its state. */
    const answeredOnce = async (s: Stores, ids: string[], skipped: string[] = []) => {
      for (const threadId of ids) {
        const t = await s.handoff.transcript('sandbox', threadId);
        const n = skipped.includes(threadId) ? 0 : 1;
        expect(
          t.replies.filter((r) => r.kind === 'agent'),
          threadId,
        ).toHaveLength(n);
        expect(
          t.events.filter((e) => e.type === 'answered_with_entry'),
          threadId,
        ).toHaveLength(n);
        if (n) expect((await s.handoff.getThread('sandbox', threadId))?.state, threadId).toBe('bot');
      }
    };

    it('answers every waiting thread once over pages, presses and instances; a person’s claim is skipped', async () => {
      const [a, b] = [await open(), await open()];
      const ids = await raise(a, 'wave', ANSWER_PAGE * 2 + 7);
      expect((await actionsOn(a).perform('claim', { channel: 'sandbox', threadId: ids[3]! }, ann)).ok).toBe(true);
      // Pressed twice, on two instances: one answers the first page, the other is refused.
      const presses = await Promise.all([
        answerGroup(depsOn(a), 'wave', 'gift-cards', mia),
        answerGroup(depsOn(b), 'wave', 'gift-cards', mia),
      ]);
      const done = presses.find((p) => p.ok);
      expect(presses.filter((p) => !p.ok)).toEqual([{ ok: false, status: 409, error: expect.any(String) }]);
      expect(done).toMatchObject({ ok: true, taken: ANSWER_PAGE, remaining: ANSWER_PAGE + 7 });
      expect(done?.ok && done.skipped).toEqual([{ threadKey: threadKey('sandbox', ids[3]!), reason: 'the thread is agent (ann)' }]);
      // The rest in the background, on both instances at once: each page is taken by one of them.
      const pages: string[] = [];
      const runners = [a, b].map((s) =>
        createAnswerRunner({ ...depsOn(s), onPage: (id) => pages.push(id), onError: (err) => pages.push(String(err)) }),
      );
      for (const r of runners) r.continueGroup('wave');
      runners[0]!.continueGroup('wave');
      await Promise.all(runners.map((r) => r.idle()));
      expect(pages.every((p) => p === 'wave')).toBe(true);
      const progress = await a.emerging.answerProgress('wave');
      expect(progress).toMatchObject({ pending: 0, skipped: [{ threadKey: threadKey('sandbox', ids[3]!) }] });
      expect(progress.answered).toHaveLength(ids.length - 1);
      await answeredOnce(a, ids, [ids[3]!]);
      expect(await a.emerging.unfinishedAnswers(10)).toEqual([]);
      await Promise.all(runners.map((r) => r.stop()));
    });

    it('resumes an answering stopped at any step, after a restart, answering each thread once', async () => {
      const s = await open();
      // Each thread takes four steps (claim, reply, record, hand back): stop at each of the first thread's, and later.
      for (const stopAt of [1, 2, 3, 4, 5, 10]) {
        const id = `stop-${stopAt}`;
        const ids = await raise(s, id, 3);
        let steps = 0;
        let stopped!: () => void;
        const reached = new Promise<void>((r) => (stopped = r));
        // The instance stops for good at that step (its process ended): the call never returns.
        const step = <T>(call: () => Promise<T>): Promise<T> => {
          if (++steps === stopAt) {
            stopped();
            return new Promise<T>(() => {});
          }
          return call();
        };
        const real = actionsOn(s);
        const dying: ThreadActions = {
          ...real,
          perform: (...args) => step(() => real.perform(...args)),
          reply: (...args) => step(() => real.reply(...args)),
        };
        const handoff = new Proxy(s.handoff, {
          get: (t, p) =>
            p === 'recordEvent' ? (e: Parameters<HandoffStore['recordEvent']>[0]) => step(() => t.recordEvent(e)) : Reflect.get(t, p),
        });
        void answerGroup(depsOn(s, dying, handoff), id, 'gift-cards', mia);
        await reached;
        // Started again: nothing is taken back before the stopped instance's lease runs out.
        const runner = createAnswerRunner({ ...depsOn(s), onPage: () => {}, onError: (err) => expect.fail(String(err)) });
        await runner.resume();
        await runner.idle();
        // Threads the stopped instance finished (four steps each) stay finished.
        expect((await s.emerging.answerProgress(id)).pending, id).toBe(3 - Math.floor((stopAt - 1) / 4));
        clock += ANSWER_LEASE_MS + 1;
        await runner.resume();
        await runner.idle();
        expect(await s.emerging.answerProgress(id), id).toMatchObject({ answered: ids.map((t) => threadKey('sandbox', t)), pending: 0 });
        await answeredOnce(s, ids);
        await runner.stop();
      }
    });
  });
}
