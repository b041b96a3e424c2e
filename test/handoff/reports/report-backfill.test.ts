import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBusinessHours } from '../../../handoff/hours/business-hours.js';
import { createReportRecorder } from '../../../handoff/reports/record-facts.js';
import { backfillReports, type ReportBackfillDeps } from '../../../handoff/reports/report-backfill.js';
import { toRange } from '../../../handoff/reports/report-query.js';
import { slaMet } from '../../../handoff/reports/reply-reports.js';
import { answerRate, volumes } from '../../../handoff/reports/volume-reports.js';
import type { HandoffStore } from '../../../store/handoff-store.js';
import type { Store, TurnOutcome } from '../../../store/store.js';
import { redisHandoffBackend, sqliteHandoffBackend } from '../../store/handoff-backends.js';
import type { HandoffBackend } from '../../store/handoff-store-contract.js';

// Reports on a store with data written before their counters (issue 20): none shown until the
// backfill counts it, once, however it is stopped or shared between instances.

const ZONE = 'Europe/Paris';
const MIN = 60_000;
const hours = parseBusinessHours('Mon-Fri 09:00-18:00', ZONE);
const paris = (iso: string) => Date.parse(`${iso}:00+01:00`);
/** When the counters started: everything before was written without them. */
const BOUNDARY = paris('2026-11-23T12:00');

const outcome = (status: TurnOutcome['status'], decision: Record<string, unknown>, replies = 1): TurnOutcome => ({
  status,
  decision,
  replies: Array.from({ length: replies }, () => ({ text: 'r', kind: status === 'handed_off' ? 'acknowledgement' : 'answer' })),
  ...(status === 'handed_off' ? { threadState: 'waiting' as const } : {}),
});

for (const [name, make] of [
  ['SQLite', sqliteHandoffBackend],
  ['Redis', redisHandoffBackend],
] as [string, () => HandoffBackend][]) {
  describe(`${name} reports backfill`, () => {
    let backend: HandoffBackend;
    let handoff: HandoffStore;
    let store: Store;
    const depsOn = (h: HandoffStore): ReportBackfillDeps => ({
      handoff: h,
      hours,
      firstTargetMs: 90 * MIN,
      nextTargetMs: 20 * MIN,
      now: () => BOUNDARY,
    });
    const commit = async (platformId: string, threadId: string, at: string, o: TurnOutcome) => {
      await store.acceptMention(
        { channel: 'x', platformId, threadId, author: '@c', text: 'x', createdAt: '2026-11-23T09:00:00Z' },
        paris(at),
        paris(at) + MIN,
      );
      const [m] = await store.claimMentions(1, paris(at), 1000);
      expect(await store.commitTurn(m!, o, paris(at))).toBe(true);
      return m!;
    };
    const figures = async () => {
      const r = toRange({ from: '2026-11-23', to: '2026-11-23' }, ZONE, paris('2026-11-24T12:00'));
      const [volume, reply] = await Promise.all([
        handoff.readReportCells('volume', r.fromHour, r.toHour),
        handoff.readReportCells('reply', r.fromHour, r.toHour),
      ]);
      return { volumes: volumes(volume, r).rows, answerRate: answerRate(volume, r).rows, sla: slaMet(reply, r).rows };
    };

    beforeEach(async () => {
      backend = make();
      ({ handoff, store } = await backend.open());
      // Earlier data: an answer, a courtesy, a handoff a person answered ten minutes later, an own post.
      await commit('a1', 'a1', '2026-11-23T10:00', outcome('answered', { reason: 'knowledge_match', entryId: 'refund-policy' }));
      await commit('n1', 'n1', '2026-11-23T10:00', outcome('no_reply', { reason: 'courtesy' }));
      await commit('o1', 'o1', '2026-11-23T10:00', outcome('ignored', { reason: 'own_post' }, 0));
      await commit(
        'h1',
        'h1',
        '2026-11-23T10:01',
        outcome('handed_off', { reason: 'not_understood', understanding: { intent: 'delivery' } }),
      );
      await handoff.setThreadTeam({ channel: 'x', threadId: 'h1', team: 'billing', actor: 'routing', now: paris('2026-11-23T10:02') });
      const h1 = { channel: 'x', threadId: 'h1' };
      const claimAt = paris('2026-11-23T10:05');
      expect(
        (
          await handoff.transition({
            ...h1,
            from: ['waiting'],
            to: 'agent',
            assignee: 'ann',
            event: { type: 'claim', actor: 'ann' },
            now: claimAt,
          })
        ).ok,
      ).toBe(true);
      const sent = await handoff.queueAgentReply({
        ...h1,
        actor: 'ann',
        parts: ['hi'],
        inReplyTo: 'h1',
        recipient: '@c',
        requestId: 'r1',
        now: paris('2026-11-23T10:11'),
      });
      expect(sent.firstResponseMs).toBe(10 * MIN);
      // After the boundary, counted as it happened: the backfill leaves it to the live count.
      const late = await commit(
        'a2',
        'a2',
        '2026-11-23T12:01',
        outcome('answered', { reason: 'knowledge_match', entryId: 'refund-policy' }),
      );
      const recorder = createReportRecorder({ handoff, hours, firstTargetMs: 90 * MIN, nextTargetMs: 20 * MIN });
      await recorder.decided([{ mention: late, outcome: outcome('answered', { reason: 'knowledge_match', entryId: 'refund-policy' }) }]);
    });
    afterEach(async () => backend.dispose());

    const expected = {
      volumes: [{ period: '2026-11-23', mentions: 4, answered: 2, courtesy: 1, noReply: 0, handedOff: 1, acknowledged: 1, silenced: 0 }],
      sla: [
        { by: 'agent', name: 'ann', kind: 'first', replies: 1, met: 1, metShare: 1, medianMs: expect.any(Number) },
        { by: 'team', name: 'billing', kind: 'first', replies: 1, met: 1, metShare: 1, medianMs: expect.any(Number) },
      ],
    };

    it('shows the earlier data’s figures once the backfill has counted it, once', async () => {
      // Started after the data was written: the counters hold only what came since (one mention).
      const before = await figures();
      expect(before.volumes).toMatchObject([{ mentions: 1, answered: 1 }]);
      expect(before.sla).toEqual([]);
      const run = await backfillReports(depsOn(handoff));
      expect(run).toMatchObject({ done: true, facts: 4, boundary: BOUNDARY });
      const after = await figures();
      expect(after.volumes).toEqual(expected.volumes);
      expect(after.sla).toEqual(expected.sla);
      expect(Math.abs((after.sla[0]!.medianMs as number) / (10 * MIN) - 1)).toBeLessThan(0.02);
      expect(after.answerRate).toContainEqual({ topic: 'refund-policy', mentions: 2, answered: 2, handedOff: 0, answerRate: 1 });
      // Run again (the next start): nothing more.
      expect(await backfillReports(depsOn(handoff))).toMatchObject({ pages: 0, facts: 0, done: true });
      expect(await figures()).toEqual(after);
    });

    it('goes on where it stopped, and two instances running it at once count each fact once', async () => {
      expect(await backfillReports(depsOn(handoff), { pageSize: 1, maxPages: 2 })).toMatchObject({ pages: 2, done: false });
      const other = await backend.openAnother();
      const runs = await Promise.all([backfillReports(depsOn(handoff), { pageSize: 1 }), backfillReports(depsOn(other), { pageSize: 1 })]);
      expect(runs.every((r) => r.done)).toBe(true);
      const after = await figures();
      expect(after.volumes).toEqual(expected.volumes);
      expect(after.sla).toEqual(expected.sla);
    });
  });
}
