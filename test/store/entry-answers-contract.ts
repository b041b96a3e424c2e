import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntryAnswers } from '../../store/entry-answers.js';
import type { Store, TurnOutcome } from '../../store/store.js';

export interface EntryAnswersBackend {
  open(): Promise<{ store: Store; answers: EntryAnswers }>;
  dispose(): Promise<void>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = 100 * DAY;

const answered = (entryId: string): TurnOutcome => ({
  status: 'answered',
  decision: { reason: 'knowledge_match', entryId },
  replies: [{ text: 'hi', kind: 'answer' }],
});
const handedOff: TurnOutcome = {
  status: 'handed_off',
  decision: { reason: 'not_understood' },
  replies: [{ text: 'ack', kind: 'acknowledgement' }],
  threadState: 'waiting',
};

/** The same behaviour on both backends: counts per entry by decision time, the latest first, recent handoffs, bounded reads. */
export function describeEntryAnswersContract(name: string, backend: () => EntryAnswersBackend) {
  describe(name, () => {
    let b: EntryAnswersBackend;
    let store: Store;
    let answers: EntryAnswers;
    let n = 0;

    beforeEach(async () => {
      b = backend();
      ({ store, answers } = await b.open());
    });
    afterEach(async () => {
      await store.close();
      await b.dispose();
    });

    /** A mention received at `at` and decided a minute later. */
    async function decided(text: string, at: number, outcome: TurnOutcome) {
      n++;
      const { mentionId } = await store.acceptMention(
        { channel: 'sandbox', platformId: `p${n}`, threadId: `t${n}`, author: `@c${n}`, text, createdAt: new Date(at).toISOString() },
        at,
        at + 60_000,
      );
      const m = (await store.getMention(mentionId))!;
      expect(await store.commitTurn(m, outcome, at + 60_000)).toBe(true);
      return mentionId;
    }

    const query = { dayFrom: NOW - DAY, weekFrom: NOW - 7 * DAY, latest: 2, maxScanned: 10_000 };

    it('counts each entry in the last day and week by decision time, with its latest answers newest first', async () => {
      await decided('parcel long ago', NOW - 9 * DAY, answered('parcel'));
      await decided('parcel this week', NOW - 3 * DAY, answered('parcel'));
      await decided('app this week', NOW - 2 * DAY, answered('app'));
      await decided('not understood', NOW - 2 * HOUR, handedOff);
      await decided('parcel today <b>late</b>', NOW - 5 * HOUR, answered('parcel'));
      const latest = await decided('parcel just now', NOW - HOUR, answered('parcel'));

      const result = await answers.answersByEntry(query);
      expect(result.complete).toBe(true);
      const byId = Object.fromEntries(result.entries.map((e) => [e.entryId, e]));
      expect(Object.keys(byId).sort()).toEqual(['app', 'parcel']);
      expect(byId.parcel).toMatchObject({ lastDay: 2, lastWeek: 3 });
      expect(byId.app).toMatchObject({ lastDay: 0, lastWeek: 1 });
      expect(byId.parcel!.latest.map((m) => m.text)).toEqual(['parcel just now', 'parcel today <b>late</b>']);
      expect(byId.parcel!.latest[0]).toMatchObject({
        id: latest,
        channel: 'sandbox',
        author: `@c${n}`,
        receivedAt: NOW - HOUR,
        decidedAt: NOW - HOUR + 60_000,
        entryId: 'parcel',
      });
    });

    it('lists recent handoffs newest first, since a time and up to a limit', async () => {
      await decided('old handoff', NOW - 10 * DAY, handedOff);
      await decided('checkout fails when I pay', NOW - 3 * HOUR, handedOff);
      await decided('parcel', NOW - 2 * HOUR, answered('parcel'));
      await decided('payment declined at checkout', NOW - HOUR, handedOff);
      const recent = await answers.recentHandoffs({ since: NOW - DAY, limit: 10, maxScanned: 10_000 });
      expect(recent.map((m) => m.text)).toEqual(['payment declined at checkout', 'checkout fails when I pay']);
      expect(recent[0]!.entryId).toBeUndefined();
      expect((await answers.recentHandoffs({ since: NOW - DAY, limit: 1, maxScanned: 10_000 })).map((m) => m.text)).toEqual([
        'payment declined at checkout',
      ]);
      expect(await answers.recentHandoffs({ since: NOW, limit: 10, maxScanned: 10_000 })).toEqual([]);
    });

    it('stops after the bound and says the counts are incomplete', async () => {
      // Accepted together (one group commit), decided in one batch.
      const accepted = await Promise.all(
        Array.from({ length: 1200 }, (_, i) => {
          const at = NOW - HOUR + i;
          return store.acceptMention(
            {
              channel: 'sandbox',
              platformId: `bulk${i}`,
              threadId: `bulk${i}`,
              author: '@c',
              text: 'late',
              createdAt: new Date(at).toISOString(),
            },
            at,
            at + 60_000,
          );
        }),
      );
      const mentions = await Promise.all(accepted.map((a) => store.getMention(a.mentionId)));
      const turns = mentions.map((m) => ({ mention: m!, outcome: answered('parcel') }));
      await store.commitTurns(turns, NOW);
      const bounded = await answers.answersByEntry({ ...query, maxScanned: 500 });
      expect(bounded.complete).toBe(false);
      expect(bounded.entries[0]!.lastWeek).toBeLessThan(1200);
      const whole = await answers.answersByEntry(query);
      expect(whole).toMatchObject({ complete: true, entries: [{ entryId: 'parcel', lastDay: 1200, lastWeek: 1200 }] });
    }, 60_000);
  });
}
