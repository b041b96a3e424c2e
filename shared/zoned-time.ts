/**
 * Wall-clock time in an IANA time zone, with nothing but Intl: the offset of a zone at an instant,
 * the local date and time of an instant, and the instant of a local date and time. A time skipped by
 * spring-forward is the instant the clocks jump (an office "opening at 02:30" that day is open once
 * the clock shows 03:00); a time that occurs twice on fall-back is its first occurrence.
 */

const MINUTE = 60_000;
export const DAY_MS = 86_400_000;

/** A local calendar day as a number: days since 1970-01-01 (weekday and date arithmetic need no zone). */
export type DayNumber = number;

export interface LocalParts {
  day: DayNumber;
  /** Minutes since local midnight, 0..1439. */
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a RangeError for a name Intl does not know. Returns the zone's canonical spelling. */
export function checkTimeZone(timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
}

/** The instant's local wall clock, as if it were UTC (milliseconds, seconds kept, ms dropped). */
function wallClockMs(timeZone: string, instant: number): number {
  // format() and a regex cost a third of formatToParts(), and this runs for every window boundary.
  const m = /^(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)$/.exec(formatter(timeZone).format(instant));
  if (m) return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]) % 24, Number(m[5]), Number(m[6]));
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
}

/** Offset of the zone from UTC at that instant, in milliseconds (Paris in summer: +7_200_000). */
export function zoneOffsetMs(timeZone: string, instant: number): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallClockMs(timeZone, whole) - whole;
}

export function localParts(timeZone: string, instant: number): LocalParts {
  const wall = instant + zoneOffsetMs(timeZone, instant);
  const day = Math.floor(wall / DAY_MS);
  return { day, minute: Math.floor((wall - day * DAY_MS) / MINUTE) };
}

/** The instant of `minute` minutes after local midnight of `day` (minute may pass 1440: the next days). */
export function localToInstant(timeZone: string, day: DayNumber, minute: number): number {
  const wall = day * DAY_MS + minute * MINUTE;
  // Offsets a day either side cover any single transition near this wall time.
  const before = zoneOffsetMs(timeZone, wall - DAY_MS);
  const after = zoneOffsetMs(timeZone, wall + DAY_MS);
  const valid = [wall - before, wall - after].filter((t) => t + zoneOffsetMs(timeZone, t) === wall);
  if (valid.length > 0) return Math.min(...valid);
  // In a spring-forward gap: find the jump between the last instant on the old offset and the first on the new.
  let [lo, hi] = [wall - after, wall - before];
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (zoneOffsetMs(timeZone, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Monday is 1 ... Sunday 0, like Date#getUTCDay (1970-01-01 was a Thursday). */
export function weekday(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function dayFromIso(date: string): DayNumber | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Reject dates Date.UTC silently rolls over (2026-02-30 is not March 2nd).
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
}

export function isoFromDay(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
