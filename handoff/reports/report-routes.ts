import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import { errorResponses } from '../../shared/http-errors.js';
import { toCsv } from '../../shared/csv.js';
import { requireRole } from '../access/require-role.js';
import type { Role } from '../access/roles.js';
import type { HandoffStore, ReportCell, ReportKind } from '../../store/handoff-store.js';
import { dayLabel, reportQuerySchema, toRange, wholeDayOf, type ReportRange, type ReportResolution } from './report-query.js';
import { reportTableSchema, type ReportTable } from './report-table.js';
import { answerRate, busiestHours, handoffReasons, volumes, type ReportBody } from './volume-reports.js';
import { replyTimes, slaMet } from './reply-reports.js';

interface ReportDef {
  kind: ReportKind;
  role: Role;
  summary: string;
  /** What of a fact's hour the report uses: lets the store return whole days summed when it can. */
  resolution: ReportResolution;
  compute: (cells: readonly ReportCell[], range: ReportRange) => ReportBody;
}

/**
 * The reports. Each reads its kind's counters for the period (never the threads). Per-agent SLA
 * figures need the admin role: they rate named colleagues; the rest are the team's own figures.
 */
export const REPORTS: Record<string, ReportDef> = {
  volumes: {
    kind: 'volume',
    role: 'agent',
    summary: 'mentions, answered by the bot, courtesy / no reply, handed off, per period',
    resolution: 'period',
    compute: volumes,
  },
  'answer-rate': {
    kind: 'volume',
    role: 'agent',
    summary: 'the bot’s answer rate per knowledge entry or built-in intent',
    resolution: 'none',
    compute: answerRate,
  },
  'reply-times': {
    kind: 'reply',
    role: 'agent',
    summary: 'people’s first and next reply times (business hours), median and 90th percentile, per period',
    resolution: 'period',
    compute: replyTimes,
  },
  'sla-met': {
    kind: 'reply',
    role: 'admin',
    summary: 'replies within the SLA target per team and per agent',
    resolution: 'none',
    compute: slaMet,
  },
  'busiest-hours': {
    kind: 'volume',
    role: 'agent',
    summary: 'mentions per weekday and hour of day in the configured time zone',
    resolution: 'hour',
    compute: busiestHours,
  },
  'handoff-reasons': {
    kind: 'volume',
    role: 'agent',
    summary: 'handoffs by the reason the bot recorded',
    resolution: 'none',
    compute: handoffReasons,
  },
};

export interface ReportRouteOptions {
  handoff: Pick<HandoffStore, 'readReportCells'>;
  timeZone: string;
  now: () => number;
}

/** GET /api/reports/<name> (JSON: the table and its notes) and /api/reports/<name>.csv (the same rows). */
export const reportRoutes: FastifyPluginAsyncZod<ReportRouteOptions> = async (app, opts) => {
  const run = async (name: string, def: ReportDef, query: z.infer<typeof reportQuerySchema>): Promise<ReportTable> => {
    const range = toRange(query, opts.timeZone, opts.now());
    const cells = await opts.handoff.readReportCells(def.kind, range.fromHour, range.toHour, wholeDayOf(range, def.resolution));
    const filters: ReportTable['filters'] = {};
    for (const key of ['channel', 'team', 'topic'] as const) if (query[key] !== undefined) filters[key] = query[key];
    return {
      report: name,
      timeZone: opts.timeZone,
      from: dayLabel(range.fromDay),
      to: dayLabel(range.toDay),
      group: range.group,
      filters,
      ...def.compute(cells, range),
    };
  };
  for (const [name, def] of Object.entries(REPORTS)) {
    app.get(
      `/api/reports/${name}`,
      {
        preHandler: requireRole(def.role),
        schema: {
          ...documented(`Report: ${def.summary}`, def.role),
          querystring: reportQuerySchema,
          response: { 200: reportTableSchema, ...errorResponses(400), ...guardedResponses },
        },
      },
      (request) => run(name, def, request.query),
    );
    app.get(
      `/api/reports/${name}.csv`,
      {
        preHandler: requireRole(def.role),
        schema: {
          ...documented(`Report as CSV (a header line, then the JSON form's rows): ${def.summary}`, def.role),
          querystring: reportQuerySchema,
          response: { 200: z.string().describe('text/csv'), ...errorResponses(400), ...guardedResponses },
        },
      },
      async (request, reply) => {
        const table = await run(name, def, request.query);
        const csv = toCsv(
          table.columns.map((c) => c.label),
          table.rows.map((r) => table.columns.map((c) => r[c.key])),
        );
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}-${table.from}-${table.to}.csv"`)
          .send(csv);
      },
    );
  }
};
