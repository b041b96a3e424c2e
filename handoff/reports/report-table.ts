import { z } from 'zod';

/** A report's answer: one table (what the CSV holds, row for row) and notes on what it counts and leaves out. */
export const reportTableSchema = z.object({
  report: z.string(),
  timeZone: z.string(),
  from: z.string().describe('first local day'),
  to: z.string().describe('last local day, included'),
  group: z.enum(['day', 'week']),
  filters: z.object({ channel: z.string().optional(), team: z.string().optional(), topic: z.string().optional() }),
  columns: z.array(z.object({ key: z.string(), label: z.string() })),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  notes: z.array(z.string()),
});
export type ReportTable = z.infer<typeof reportTableSchema>;
export type ReportRow = ReportTable['rows'][number];
export type Columns = ReportTable['columns'];

/** The share n / of, rounded to 4 decimals; null without any. */
export const shareOf = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 10_000) / 10_000 : null);
