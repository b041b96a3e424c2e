import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import { errorResponses } from '../../shared/http-errors.js';
import { requireRole } from '../access/require-role.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import { utcDayStart } from '../../config/time-zone.js';

const share = z.number().nullable().describe('a fraction; null without mentions');
const responseTimes = z.object({ count: z.number(), withinTarget: share, medianMs: z.number().nullable() });
const reportSchema = z.object({
  humanTargetMs: z.number(),
  nextReplyTargetMs: z.number().describe('HUMAN_NEXT_REPLY_TARGET_MINUTES in ms'),
  days: z.array(
    z.object({
      day: z.string(),
      mentions: z.number(),
      noReply: z.number(),
      acknowledged: z.object({ within1m: share, within5m: share, within60m: share }),
      humanFirstResponse: responseTimes,
      humanNextResponse: responseTimes.describe("people's replies to customers' follow-ups (customer replied), time since the follow-up"),
    }),
  ),
});

const median = (values: number[]) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * The SLA report: per day, the share of mentions acknowledged within 1, 5, 60 minutes, human first
 * responses, and apart from them the mentions decided to need no reply (a thanks, spam, noise).
 */
export const reportsRoute: FastifyPluginAsyncZod<{
  handoff: HandoffStore;
  humanTargetMs: number;
  nextReplyTargetMs: number;
  now: () => number;
}> = async (app, opts) => {
  app.get(
    '/api/reports/sla',
    {
      preHandler: requireRole('agent'),
      schema: {
        ...documented(
          'SLA report by UTC day: acknowledged within 1/5/60 minutes (fractions), no-reply decisions (count, not in mentions), human first and next response (count, within target, median)',
          'agent',
        ),
        querystring: z.strictObject({
          days: z
            .string()
            .regex(/^[1-9][0-9]{0,2}$/)
            .optional()
            .describe('how many days back (1-366, default 14)'),
        }),
        response: { 200: reportSchema, ...errorResponses(400), ...guardedResponses },
      },
    },
    async (request) => {
      const days = Math.min(366, Number(request.query.days ?? 14));
      const since = utcDayStart(opts.now(), days - 1);
      const rows = await opts.handoff.slaDays(since);
      const share = (n: number, of: number) => (of > 0 ? n / of : null);
      const times = (ms: number[], targetMs: number) => ({
        count: ms.length,
        withinTarget: share(ms.filter((t) => t <= targetMs).length, ms.length),
        medianMs: median(ms),
      });
      return {
        humanTargetMs: opts.humanTargetMs,
        nextReplyTargetMs: opts.nextReplyTargetMs,
        days: rows.map((d) => ({
          day: d.day,
          mentions: d.mentions,
          noReply: d.noReply,
          acknowledged: {
            within1m: share(d.within1m, d.mentions),
            within5m: share(d.within5m, d.mentions),
            within60m: share(d.within60m, d.mentions),
          },
          humanFirstResponse: times(d.humanFirstResponsesMs, opts.humanTargetMs),
          humanNextResponse: times(d.humanNextResponsesMs, opts.nextReplyTargetMs),
        })),
      };
    },
  );
};
