import { checkTimeZone, dayFromIso, type DayNumber } from './time-zone.js';

/**
 * The BUSINESS_HOURS setting, e.g. `Mon-Fri 09:00-18:00; Sat 10:00-14:00`, read in BUSINESS_TIMEZONE,
 * closed on HOLIDAYS (local dates). `always` (or `24/7`) is open at every hour except holidays.
 * A window whose end is not after its start runs past midnight (`Fri 22:00-02:00` ends Saturday 02:00).
 */

/** One weekly opening: starts on `weekday` (0 Sunday ... 6 Saturday) at `startMinute` after local midnight. */
export interface OpeningWindow {
  weekday: number;
  startMinute: number;
  /** After startMinute; more than 1440 when the window runs past midnight. */
  endMinute: number;
}

export interface BusinessHours {
  /** The setting as written, for messages. */
  text: string;
  timeZone: string;
  always: boolean;
  windows: readonly OpeningWindow[];
  /** Local dates (YYYY-MM-DD) on which nobody answers, as day numbers. */
  holidays: ReadonlySet<DayNumber>;
}

export class BusinessHoursError extends Error {
  override name = 'BusinessHoursError';
}

const DAY_NAMES: Record<string, number> = {
  sun: 0,
  sunday: 0,
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
};

const ALWAYS = new Set(['always', '24/7']);

export function parseBusinessHours(text: string, timeZone: string, holidays: readonly string[] = []): BusinessHours {
  let zone: string;
  try {
    zone = checkTimeZone(timeZone);
  } catch {
    throw new BusinessHoursError(`Unknown time zone "${timeZone}": use an IANA name such as Europe/Paris`);
  }
  const holidayDays = new Set<DayNumber>();
  for (const date of holidays) {
    const day = dayFromIso(date.trim());
    if (day === undefined) throw new BusinessHoursError(`Holiday "${date}" is not a date like 2026-12-25`);
    holidayDays.add(day);
  }
  const trimmed = text.trim();
  if (ALWAYS.has(trimmed.toLowerCase())) return { text: trimmed, timeZone: zone, always: true, windows: [], holidays: holidayDays };
  const segments = trimmed
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (segments.length === 0) throw new BusinessHoursError('Business hours are empty: write "always" or e.g. "Mon-Fri 09:00-18:00"');
  const windows = segments.flatMap(parseSegment);
  return { text: trimmed, timeZone: zone, always: false, windows, holidays: holidayDays };
}

/** `Mon-Fri 09:00-12:00, 13:00-18:00` → one window per day per range. */
function parseSegment(segment: string): OpeningWindow[] {
  const normal = segment.replace(/\s*([-,])\s*/g, '$1');
  const m = /^([A-Za-z][A-Za-z,-]*):?\s+(.+)$/.exec(normal);
  if (!m) throw new BusinessHoursError(`"${segment}" is not days then hours, like "Mon-Fri 09:00-18:00"`);
  const days = parseDays(m[1]!, segment);
  const ranges = m[2]!
    .split(/[,\s]+/)
    .filter(Boolean)
    .map((r) => parseRange(r, segment));
  return days.flatMap((weekday) => ranges.map((r) => ({ weekday, ...r })));
}

function parseDays(spec: string, segment: string): number[] {
  if (/^(daily|everyday)$/i.test(spec)) return [0, 1, 2, 3, 4, 5, 6];
  const days = new Set<number>();
  for (const item of spec.split(',').filter(Boolean)) {
    const [from, to, extra] = item.split('-');
    if (extra !== undefined) throw new BusinessHoursError(`"${item}" in "${segment}" is not a day or a range of days like Mon-Fri`);
    const start = dayName(from!, segment);
    const end = to === undefined ? start : dayName(to, segment);
    // Ranges may wrap the week: Fri-Mon is Friday, Saturday, Sunday, Monday.
    for (let d = start; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === end) break;
    }
  }
  return [...days];
}

function dayName(name: string, segment: string): number {
  const day = DAY_NAMES[name.toLowerCase()];
  if (day === undefined) throw new BusinessHoursError(`"${name}" in "${segment}" is not a day name (Mon, Tue, Wed, Thu, Fri, Sat, Sun)`);
  return day;
}

function parseRange(range: string, segment: string): { startMinute: number; endMinute: number } {
  const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(range);
  const bad = (why: string) => new BusinessHoursError(`"${range}" in "${segment}" ${why}`);
  if (!m) throw bad('is not a time range like 09:00-18:00');
  const start = Number(m[1]) * 60 + Number(m[2]);
  let end = Number(m[3]) * 60 + Number(m[4]);
  if (Number(m[2]) > 59 || Number(m[4]) > 59 || start >= 1440 || end > 1440) throw bad('has a time past 23:59 (24:00 may end a range)');
  if (end === start) throw bad('opens and closes at the same time');
  if (end < start) end += 1440;
  return { startMinute: start, endMinute: end };
}
