import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBusinessHours } from '../../../handoff/hours/business-hours.js';
import { createReportRecorder, type ReportRecorder } from '../../../handoff/reports/record-facts.js';
import { toRange, type ReportQuery } from '../../../handoff/reports/report-query.js';
import { replyTimes, slaMet } from '../../../handoff/reports/reply-reports.js';
import { answerRate, busiestHours, handoffReasons, volumes } from '../../../handoff/reports/volume-reports.js';
import type { HandoffStore } from '../../../store/handoff-store.js';
import { encodeReply, replyBucket } from '../../../handoff/reports/report-cells.js';
import type { StoredMention } from '../../../store/mention.js';
import type { Store, TurnOutcome } from '../../../store/store.js';
import { redisHandoffBackend, sqliteHandoffBackend } from '../../store/handoff-backends.js';
import type { HandoffBackend } from '../../store/handoff-store-contract.js';

const ZONE = 'Europe/Paris';
const MIN = 60_000;
const hours = parseBusinessHours('Mon-Fri 09:00-18:00', ZONE);
/** Paris wall clock in November (UTC+1) as an instant. */
const paris = (iso: string) => Date.parse(`${iso}:00+01:00`);

const mention = (id: number, channel: string, threadId: string, at: string): StoredMention =>
  ({
    id,
    channel,
    platformId: `p${id}`,
    threadId,
    author: '@c',
    text: 'x',
    createdAt: new Date(paris(at)).toISOString(),
    deadlineAt: paris(at),
    attempts: 0,
    receivedAt: paris(at),
    status: 'received',
  }) as StoredMention;
const outcome = (status: TurnOutcome['status'], decision: Record<string, unknown>, replies = 1): TurnOutcome => ({
  status,
  decision,
  replies: Array.from({ length: replies }, () => ({ text: 'r', kind: 'answer' as const })),
});

for (const [name, make] of [
  ['SQLite', sqliteHandoffBackend],
  ['Redis', redisHandoffBackend],
] as [string, () => HandoffBackend][]) {
  describe(`${name} report aggregates`, () => {
    let backend: HandoffBackend;
    let handoff: HandoffStore;
    let store: Store;
    let recorder: ReportRecorder;
    const range = (q: ReportQuery) => toRange(q, ZONE, paris('2026-12-06T12:00'));
    const read = async (kind: 'volume' | 'reply', q: ReportQuery) => {
      const r = range(q);
      return { cells: await handoff.readReportCells(kind, r.fromHour, r.toHour), r };
    };

    beforeEach(async () => {
      backend = make();
      ({ handoff, store } = await backend.open());
      recorder = createReportRecorder({ handoff, hours, firstTargetMs: 90 * MIN, nextTargetMs: 20 * MIN });
      await handoff.setThreadTeam({ channel: 'x', threadId: 't2', team: 'billing', actor: 'routing', now: 1 });
      await handoff.setThreadTeam({ channel: 'meta', threadId: 't3', team: 'tech', actor: 'routing', now: 1 });
      await recorder.decided([
        {
          mention: mention(1, 'x', 't1', '2026-11-23T10:15'),
          outcome: outcome('answered', { reason: 'knowledge_match', entryId: 'refund-policy' }),
        },
        {
          mention: mention(2, 'x', 't2', '2026-11-23T10:40'),
          outcome: outcome('handed_off', { reason: 'not_understood', understanding: { intent: 'out_of_scope', topic: 'refund' } }),
        },
        {
          mention: mention(3, 'meta', 't3', '2026-11-24T23:30'),
          outcome: outcome('handed_off', { reason: 'author_reply_cap', understanding: { intent: 'out_of_scope' } }, 0),
        },
        // 00:30 in Paris is still the day before in UTC: it counts on Paris's Monday.
        { mention: mention(4, 'x', 't4', '2026-11-23T00:30'), outcome: outcome('no_reply', { reason: 'courtesy' }) },
        { mention: mention(5, 'x', 't5', '2026-11-25T12:00'), outcome: outcome('no_reply', { reason: 'spam' }, 0) },
        { mention: mention(6, 'x', 't6', '2026-11-25T12:00'), outcome: outcome('ignored', { reason: 'own_post' }, 0) },
        {
          mention: mention(7, 'x', 't7', '2026-11-25T12:05'),
          outcome: outcome('answered', { reason: 'knowledge_match', entryId: 'refund-policy' }),
        },
      ]);
      // Friday 17:30 to Monday 09:30: an hour of business time, though 64 hours passed.
      await recorder.replied({
        channel: 'x',
        threadId: 't2',
        agent: 'ann',
        kind: 'first',
        since: paris('2026-11-27T17:30'),
        at: paris('2026-11-30T09:30'),
      });
      await recorder.replied({
        channel: 'meta',
        threadId: 't3',
        agent: 'bob',
        kind: 'first',
        since: paris('2026-11-30T10:00'),
        at: paris('2026-11-30T10:10'),
      });
      await recorder.replied({
        channel: 'x',
        threadId: 't2',
        agent: 'ann',
        kind: 'next',
        since: paris('2026-11-30T11:00'),
        at: paris('2026-11-30T11:30'),
      });
    });
    afterEach(async () => backend.dispose());

    it('counts volumes per local day, with silenced and courtesy apart, and leaves own posts out', async () => {
      const { cells, r } = await read('volume', { from: '2026-11-23', to: '2026-11-26' });
      const { rows, notes } = volumes(cells, r);
      expect(rows).toEqual([
        { period: '2026-11-23', mentions: 3, answered: 1, courtesy: 1, noReply: 0, handedOff: 1, acknowledged: 1, silenced: 0 },
        { period: '2026-11-24', mentions: 1, answered: 0, courtesy: 0, noReply: 0, handedOff: 1, acknowledged: 0, silenced: 1 },
        { period: '2026-11-25', mentions: 2, answered: 1, courtesy: 0, noReply: 1, handedOff: 0, acknowledged: 0, silenced: 0 },
        { period: '2026-11-26', mentions: 0, answered: 0, courtesy: 0, noReply: 0, handedOff: 0, acknowledged: 0, silenced: 0 },
      ]);
      expect(notes.join(' ')).toContain('author cap');
      const week = await read('volume', { from: '2026-11-23', to: '2026-11-29', group: 'week' });
      expect(volumes(week.cells, week.r).rows).toMatchObject([{ period: '2026-11-23', mentions: 6, handedOff: 2 }]);
    });

    it('filters by channel, team (none with "-") and topic', async () => {
      const total = async (q: ReportQuery) => {
        const { cells, r } = await read('volume', { from: '2026-11-23', to: '2026-11-29', group: 'week', ...q });
        return volumes(cells, r).rows[0]!.mentions;
      };
      expect(await total({ channel: 'meta' })).toBe(1);
      expect(await total({ team: 'billing' })).toBe(1);
      expect(await total({ team: '-' })).toBe(4);
      expect(await total({ topic: 'refund-policy' })).toBe(2);
      expect(await total({ topic: 'refund-policy', channel: 'meta' })).toBe(0);
    });

    it('gives the answer rate per entry, the handoff reasons and the busiest hours in the zone', async () => {
      const { cells, r } = await read('volume', { from: '2026-11-23', to: '2026-11-29' });
      expect(answerRate(cells, r).rows).toEqual([
        { topic: 'refund-policy', mentions: 2, answered: 2, handedOff: 0, answerRate: 1 },
        { topic: '(not understood)', mentions: 1, answered: 0, handedOff: 1, answerRate: 0 },
        { topic: 'refund', mentions: 1, answered: 0, handedOff: 1, answerRate: 0 },
      ]);
      expect(handoffReasons(cells, r).rows).toEqual([
        { reason: 'author_reply_cap', handoffs: 1, share: 0.5 },
        { reason: 'not_understood', handoffs: 1, share: 0.5 },
      ]);
      const busy = busiestHours(cells, r).rows.filter((row) => (row.mentions as number) > 0);
      expect(busy).toEqual([
        { weekday: 'Monday', hour: 0, mentions: 1 },
        { weekday: 'Monday', hour: 10, mentions: 2 },
        { weekday: 'Tuesday', hour: 23, mentions: 1 },
        { weekday: 'Wednesday', hour: 12, mentions: 2 },
      ]);
    });

    it('times replies in business hours: median and 90th percentile, SLA met per team and agent', async () => {
      const { cells, r } = await read('reply', { from: '2026-11-30', to: '2026-11-30' });
      const [row] = replyTimes(cells, r).rows;
      expect(row).toMatchObject({ period: '2026-11-30', firstReplies: 2, nextReplies: 1 });
      const near = (actual: unknown, expected: number) => expect(Math.abs((actual as number) / expected - 1)).toBeLessThan(0.02);
      near(row!.firstMedianMs, 10 * MIN);
      near(row!.firstP90Ms, 60 * MIN);
      near(row!.nextMedianMs, 30 * MIN);
      const sla = slaMet(cells, r).rows.map(({ medianMs: _m, ...rest }) => rest);
      expect(sla).toEqual([
        { by: 'agent', name: 'ann', kind: 'first', replies: 1, met: 1, metShare: 1 },
        { by: 'agent', name: 'ann', kind: 'next', replies: 1, met: 0, metShare: 0 },
        { by: 'agent', name: 'bob', kind: 'first', replies: 1, met: 1, metShare: 1 },
        { by: 'team', name: 'billing', kind: 'first', replies: 1, met: 1, metShare: 1 },
        { by: 'team', name: 'billing', kind: 'next', replies: 1, met: 0, metShare: 0 },
        { by: 'team', name: 'tech', kind: 'first', replies: 1, met: 1, metShare: 1 },
      ]);
      const tech = await read('reply', { from: '2026-11-30', to: '2026-11-30', team: 'tech' });
      expect(replyTimes(tech.cells, tech.r).rows[0]).toMatchObject({ firstReplies: 1, nextReplies: 0 });
      const before = await read('reply', { from: '2026-11-23', to: '2026-11-29' });
      expect(before.cells).toEqual([]);
    });

    it("counts a person's reply under the topic of the thread's latest handoff, so topic= filters reply times and SLA", async () => {
      /** Commits a mention of `thread` as the bot decided it (a real row, as the recorder reads it back). */
      const commit = async (platformId: string, thread: string, o: TurnOutcome) => {
        await store.acceptMention(
          { channel: 'x', platformId, threadId: thread, author: '@c', text: 'x', createdAt: '2026-11-30T09:00:00Z' },
          1,
          61,
        );
        const [m] = await store.claimMentions(1, 2, 1000);
        expect(await store.commitTurn(m!, o, 10)).toBe(true);
      };
      // h1: handed off as an intent, then again on an entry (the latest handoff names the topic), then answered.
      await commit('h1a', 'h1', outcome('handed_off', { reason: 'not_understood', understanding: { intent: 'billing_question' } }));
      await commit('h1b', 'h1', outcome('handed_off', { reason: 'follow_up', entryId: 'card-charge' }));
      await commit('h1c', 'h1', outcome('answered', { reason: 'knowledge_match', entryId: 'refund-policy' }));
      // h2: handed off on its intent only; h3: never handed off (no topic).
      await commit('h2a', 'h2', outcome('handed_off', { reason: 'not_understood', understanding: { intent: 'delivery' } }));
      await commit('h3a', 'h3', outcome('answered', { reason: 'knowledge_match', entryId: 'refund-policy' }));
      expect(await handoff.handedOffDecision({ channel: 'x', threadId: 'h1' })).toMatchObject({ entryId: 'card-charge' });
      expect(await handoff.handedOffDecision({ channel: 'x', threadId: 'h3' })).toBeUndefined();
      // A mention a person hands off from the No reply list names its thread's topic as well.
      await commit('h4a', 'h4', outcome('handed_off', { reason: 'not_understood', understanding: { intent: 'delivery' } }));
      await commit('h4b', 'h4', outcome('no_reply', { reason: 'courtesy', understanding: { intent: 'thanks' } }));
      const h4 = (await handoff.listNoReply({ limit: 10 })).find((m) => m.mention.threadId === 'h4');
      expect((await handoff.handOffNoReply({ mentionId: h4!.mention.id, actor: 'ann', now: 20 })).outcome).toBe('handed_off');
      expect(await handoff.handedOffDecision({ channel: 'x', threadId: 'h4' })).toMatchObject({ understanding: { intent: 'thanks' } });
      expect(await handoff.handedOffDecision({ channel: 'meta', threadId: 'h1' })).toBeUndefined();
      const at = paris('2026-12-01T10:00');
      for (const [threadId, agent] of [
        ['h1', 'ann'],
        ['h2', 'bob'],
        ['h3', 'cid'],
      ] as const)
        await recorder.replied({ channel: 'x', threadId, agent, kind: 'first', since: at - 5 * MIN, at });
      // A cell counted before replies carried a topic (six fields): read as having none.
      const old = encodeReply({ channel: 'x', team: '', agent: 'dan', kind: 'first', bucket: replyBucket(MIN), met: true, topic: '' });
      await handoff.countReportCells('reply', [{ hour: Math.floor(at / 3_600_000), cell: old.slice(0, old.lastIndexOf('\u001f')) }]);
      const firsts = async (q: ReportQuery) => {
        const { cells, r } = await read('reply', { from: '2026-12-01', to: '2026-12-01', ...q });
        return replyTimes(cells, r).rows[0]!.firstReplies;
      };
      expect(await firsts({})).toBe(4);
      expect(await firsts({ topic: 'card-charge' })).toBe(1);
      expect(await firsts({ topic: 'billing_question' })).toBe(0);
      expect(await firsts({ topic: 'delivery' })).toBe(1);
      expect(await firsts({ topic: 'refund-policy' })).toBe(0);
      expect(await firsts({ topic: '-' })).toBe(2);
      const { cells, r } = await read('reply', { from: '2026-12-01', to: '2026-12-01', topic: '-' });
      const agents = slaMet(cells, r)
        .rows.filter((row) => row.by === 'agent')
        .map((row) => row.name);
      expect(agents).toEqual(['cid', 'dan']);
      expect(replyTimes(cells, r).notes.join(' ')).not.toContain('does not apply');
    });

    it('adds counts of the same cell and reads only the hours asked for', async () => {
      await handoff.countReportCells('volume', [
        { hour: 100, cell: 'a' },
        { hour: 100, cell: 'a' },
        { hour: 101, cell: 'a' },
        { hour: 124, cell: 'b' },
      ]);
      await handoff.countReportCells('volume', [{ hour: 100, cell: 'a' }]);
      const got = (await handoff.readReportCells('volume', 100, 101)).sort((a, b) => a.hour - b.hour);
      expect(got).toEqual([
        { hour: 100, cell: 'a', n: 3 },
        { hour: 101, cell: 'a', n: 1 },
      ]);
      expect(await handoff.readReportCells('reply', 100, 200)).toEqual([]);
      expect(await handoff.readReportCells('volume', 124, 124)).toEqual([{ hour: 124, cell: 'b', n: 1 }]);
    });
  });
}
