import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toRange, wholeDayOf, type ReportQuery } from '../../../handoff/reports/report-query.js';
import { REPORTS } from '../../../handoff/reports/report-routes.js';
import type { HandoffStore } from '../../../store/handoff-store.js';
import { redisHandoffBackend, sqliteHandoffBackend } from '../../store/handoff-backends.js';
import type { HandoffBackend } from '../../store/handoff-store-contract.js';
import { seedReportCells } from './seed-report-cells.js';

const END = Date.parse('2026-12-06T15:30:00Z');
const QUERIES: ReportQuery[] = [
  { from: '2026-11-10', to: '2026-12-05' },
  { from: '2026-11-10', to: '2026-12-05', group: 'week' },
  { from: '2026-11-18', to: '2026-11-18' },
  { from: '2026-11-12', to: '2026-12-01', group: 'week', team: 'billing' },
];

for (const [name, make] of [
  ['SQLite', sqliteHandoffBackend],
  ['Redis', redisHandoffBackend],
] as [string, () => HandoffBackend][]) {
  describe(`${name} report day roll-ups`, () => {
    let backend: HandoffBackend;
    let handoff: HandoffStore;

    beforeEach(async () => {
      backend = make();
      handoff = (await backend.open()).handoff;
      await seedReportCells(handoff, END, 30);
    });
    afterEach(async () => backend.dispose());

    // A UTC zone reads whole days from the roll-up; Paris and Kolkata (half an hour off) only for weeks.
    for (const zone of ['UTC', 'Europe/Paris', 'Asia/Kolkata']) {
      it(`gives every report the same figures from the roll-up as from the hours (${zone})`, async () => {
        for (const q of QUERIES) {
          const range = toRange(q, zone, END);
          for (const def of Object.values(REPORTS)) {
            const hourly = await handoff.readReportCells(def.kind, range.fromHour, range.toHour);
            const wholeDay = wholeDayOf(range, def.resolution);
            const rolled = await handoff.readReportCells(def.kind, range.fromHour, range.toHour, wholeDay);
            const figures = def.compute(rolled, range);
            expect(figures).toEqual(def.compute(hourly, range));
            if (name === 'Redis' && zone === 'UTC' && def.resolution !== 'hour') {
              // A UTC period is made of whole UTC days: all of it came from the roll-up.
              expect(rolled.every((c) => c.hour % 24 === 0)).toBe(true);
              expect(rolled.length).toBeLessThanOrEqual(hourly.length);
            }
            expect(figures.rows.length).toBeGreaterThan(0);
          }
        }
      });
    }

    it('sums a whole UTC day into cells at its first hour and keeps the edges hourly', async () => {
      await handoff.countReportCells('volume', [
        { hour: 48 * 24 + 3, cell: 'a' },
        { hour: 48 * 24 + 20, cell: 'a' },
        { hour: 49 * 24 + 1, cell: 'a' },
        { hour: 49 * 24 + 5, cell: 'b' },
      ]);
      const got = await handoff.readReportCells('volume', 48 * 24, 49 * 24 + 4, () => true);
      const byKey = got.map((c) => `${c.hour}:${c.cell}:${c.n}`).sort();
      if (name === 'Redis') expect(byKey).toEqual([`${48 * 24}:a:2`, `${49 * 24 + 1}:a:1`]);
      else expect(byKey).toEqual([`${48 * 24 + 3}:a:1`, `${48 * 24 + 20}:a:1`, `${49 * 24 + 1}:a:1`]);
    });
  });
}
