import type { FastifyInstance } from 'fastify';
import type { Settings } from '../../config/settings.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import { reportsRoute } from '../api/reports-route.js';
import type { BusinessHours } from '../hours/business-hours.js';
import { createReportRecorder } from './record-facts.js';
import { backfillReports } from './report-backfill.js';
import { reportRoutes } from './report-routes.js';

/** The reports' routes (the daily SLA report and the six reports) and the recorder that counts their facts. */
export async function registerReports(
  app: FastifyInstance,
  deps: {
    handoff: HandoffStore;
    hours: BusinessHours;
    settings: Pick<Settings, 'HUMAN_RESPONSE_TARGET_MINUTES' | 'HUMAN_NEXT_REPLY_TARGET_MINUTES'>;
    now: () => number;
  },
) {
  const humanTargetMs = deps.settings.HUMAN_RESPONSE_TARGET_MINUTES * 60_000;
  const nextReplyTargetMs = deps.settings.HUMAN_NEXT_REPLY_TARGET_MINUTES * 60_000;
  await app.register(reportsRoute, { handoff: deps.handoff, humanTargetMs, nextReplyTargetMs, now: deps.now });
  await app.register(reportRoutes, { handoff: deps.handoff, timeZone: deps.hours.timeZone, now: deps.now });
  const log = app.log.child({ component: 'reports' });
  const recorder = createReportRecorder({
    handoff: deps.handoff,
    hours: deps.hours,
    firstTargetMs: humanTargetMs,
    nextTargetMs: nextReplyTargetMs,
  });
  const failed = (err: unknown) => log.error({ err }, 'could not count a report fact');
  // The boundary is fixed before any decision is counted (the workers start once ready); the data
  // written before it is counted after start-up, off the requests' way.
  const backfillDeps = { ...deps, firstTargetMs: humanTargetMs, nextTargetMs: nextReplyTargetMs };
  const started = await deps.handoff.reportBackfill(deps.now());
  let closing = false;
  let backfill: Promise<unknown> = Promise.resolve();
  if (!started.done) {
    app.addHook('onReady', async () => {
      log.info({ boundary: new Date(started.boundary).toISOString() }, 'counting the reports of data written before their counters');
      backfill = backfillReports(backfillDeps, {
        stopping: () => closing,
        onPage: (p) => log.debug(p, 'reports backfill: a page counted'),
      }).then(
        (r) => log.info(r, r.done ? 'reports backfill done' : 'reports backfill stopped; the next start goes on'),
        (err: unknown) => log.error({ err }, 'reports backfill failed; the next start goes on'),
      );
    });
    app.addHook('onClose', async () => {
      closing = true;
      await backfill;
    });
  }
  return {
    recorder,
    /** Counts without making the caller wait or fail: a report undercounts rather than a reply failing. */
    replied: (r: Parameters<typeof recorder.replied>[0]) => void recorder.replied(r).catch(failed),
    decided: (d: Parameters<typeof recorder.decided>[0]) => recorder.decided(d).catch(failed),
  };
}
