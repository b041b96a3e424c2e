import { z } from 'zod';
import { DAY_MS, dayFromIso, localParts, localToInstant, weekday, type DayNumber } from '../../config/time-zone.js';
import { HOUR_MS } from '../../store/handoff-store.js';

/** The longest period a report covers: a year, leap or not. */
export const MAX_DAYS = 366;
const DEFAULT_DAYS = 14;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => dayFromIso(d) !== undefined, 'not a calendar date');
const name = z.string().min(1).max(200);

/** Every report's querystring: the period in the configured time zone, its grouping and the filters. */
export const reportQuerySchema = z
  .strictObject({
    from: isoDate.optional().describe('first local day, YYYY-MM-DD (default: 13 days before `to`)'),
    to: isoDate.optional().describe('last local day, YYYY-MM-DD, included (default: today)'),
    group: z.enum(['day', 'week']).optional().describe('periods of a day or of a week starting on Monday (default day)'),
    channel: name.optional().describe('only this channel'),
    team: name.optional().describe('only this team ("-" for threads in no team)'),
    topic: name.optional().describe('only this knowledge entry or built-in intent ("-" for none)'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '`from` is after `to`', path: ['from'] })
  .refine((q) => !q.from || !q.to || dayFromIso(q.to)! - dayFromIso(q.from)! < MAX_DAYS, {
    message: `a period of at most ${MAX_DAYS} days`,
    path: ['to'],
  });
export type ReportQuery = z.infer<typeof reportQuerySchema>;

export interface ReportRange {
  timeZone: string;
  fromDay: DayNumber;
  toDay: DayNumber;
  group: 'day' | 'week';
  fromHour: number;
  toHour: number;
  /** Filters; '' matches the facts with none ('-' in the query). */
  channel?: string;
  team?: string;
  topic?: string;
}

const isoOf = (day: DayNumber) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const filter = (v: string | undefined) => (v === undefined ? undefined : v === '-' ? '' : v);

/** The query's period as local days and the UTC hours that hold them (defaults from `now`). */
export function toRange(q: ReportQuery, timeZone: string, now: number): ReportRange {
  const toDay = q.to ? dayFromIso(q.to)! : localParts(timeZone, now).day;
  const fromDay = q.from ? dayFromIso(q.from)! : toDay - (DEFAULT_DAYS - 1);
  const start = localToInstant(timeZone, fromDay, 0);
  const end = localToInstant(timeZone, toDay + 1, 0);
  const range: ReportRange = {
    timeZone,
    fromDay: Math.min(fromDay, toDay),
    toDay,
    group: q.group ?? 'day',
    fromHour: Math.floor(start / HOUR_MS),
    toHour: Math.floor((end - 1) / HOUR_MS),
  };
  for (const key of ['channel', 'team', 'topic'] as const) {
    const v = filter(q[key]);
    if (v !== undefined) range[key] = v;
  }
  return range;
}

/** The local day an hour's bucket starts in, and its period's first day (weeks start on Monday). */
export function periodOf(range: ReportRange): (hour: number) => DayNumber {
  const cache = new Map<number, DayNumber>();
  return (hour) => {
    let day = cache.get(hour);
    if (day === undefined) {
      day = localParts(range.timeZone, hour * HOUR_MS).day;
      if (range.group === 'week') day -= (weekday(day) + 6) % 7;
      cache.set(hour, day);
    }
    return day;
  };
}

/** Every period of the range, empty ones included, so a chart's bars keep their places. */
export function periodsOf(range: ReportRange): { day: DayNumber; label: string }[] {
  const first = range.group === 'week' ? range.fromDay - ((weekday(range.fromDay) + 6) % 7) : range.fromDay;
  const step = range.group === 'week' ? 7 : 1;
  const out = [];
  for (let day = first; day <= range.toDay; day += step) out.push({ day, label: isoOf(day) });
  return out;
}

export const dayLabel = isoOf;

/** How finely a report places its facts in time: by hour of day, by period, or not at all. */
export type ReportResolution = 'hour' | 'period' | 'none';

/**
 * Which UTC days the store may hand back summed over their hours: those whose every hour lands in
 * one period (a UTC day is one local day only in a zone at UTC; weeks hold most UTC days whole).
 */
export function wholeDayOf(range: ReportRange, resolution: ReportResolution): ((utcDay: number) => boolean) | undefined {
  if (resolution === 'hour') return undefined;
  if (resolution === 'none') return () => true;
  const period = periodOf(range);
  return (utcDay) => period(utcDay * 24) === period(utcDay * 24 + 23);
}
