import { Temporal } from 'temporal-polyfill';

/**
 * Wall-clock time in IANA time zones, the one converter for knowledge windows, business hours and
 * reports. Time-zone rules come from Temporal (its polyfill until Node ships it).
 *
 * A local time that does not or twice exists follows Temporal's `compatible` rule, the rule of
 * iCalendar (RFC 5545) and of JavaScript's Date: a time skipped by spring-forward is read with the
 * offset before the jump (Paris 02:30 on the spring-forward day is 03:30 summer time, 01:30Z); a time
 * that occurs twice on fall-back is its first occurrence (Paris 02:30 on the fall-back day is 02:30
 * summer time, 00:30Z). Windows and business hours therefore agree on both nights.
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

/** Throws a RangeError for a name the platform does not know. Returns the zone's canonical spelling. */
export function checkTimeZone(timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    checkTimeZone(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** A stretch of time [from, to) with one offset: most look-ups fall in one already found. */
interface Span {
  from: number;
  to: number;
  offsetMs: number;
}
const spans = new Map<string, Span[]>();
const SPANS_PER_ZONE = 8;

/** Offset of the zone from UTC at that instant, in milliseconds (Paris in summer: +7_200_000). */
export function zoneOffsetMs(timeZone: string, instant: number): number {
  const known = spans.get(timeZone) ?? [];
  for (const s of known) if (s.from <= instant && instant < s.to) return s.offsetMs;
  const at = Temporal.Instant.fromEpochMilliseconds(Math.floor(instant)).toZonedDateTimeISO(timeZone);
  // 'previous' looks strictly before: asked one millisecond later, it also finds a change at `instant`.
  const from = at.add({ milliseconds: 1 }).getTimeZoneTransition('previous')?.epochMilliseconds ?? -Infinity;
  const to = at.getTimeZoneTransition('next')?.epochMilliseconds ?? Infinity;
  const offsetMs = Math.round(at.offsetNanoseconds / 1e6);
  if (known.length >= SPANS_PER_ZONE) known.shift();
  known.push({ from, to, offsetMs });
  spans.set(timeZone, known);
  return offsetMs;
}

export function localParts(timeZone: string, instant: number): LocalParts {
  const wall = instant + zoneOffsetMs(timeZone, instant);
  const day = Math.floor(wall / DAY_MS);
  return { day, minute: Math.floor((wall - day * DAY_MS) / MINUTE) };
}

/** The instant of a wall-clock time (given as milliseconds as if the zone were UTC), by the rule above. */
export function wallClockToInstant(timeZone: string, wall: number): number {
  const d = new Date(wall);
  const local = new Temporal.PlainDateTime(
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
  return local.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** The instant of `minute` minutes after local midnight of `day` (minute may pass 1440: the next days). */
export function localToInstant(timeZone: string, day: DayNumber, minute: number): number {
  return wallClockToInstant(timeZone, day * DAY_MS + minute * MINUTE);
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

/** Reports count by UTC day: the start of the UTC day `daysBack` days before the one holding `instant`. */
export function utcDayStart(instant: number, daysBack = 0): number {
  return (Math.floor(instant / DAY_MS) - daysBack) * DAY_MS;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Milliseconds since the epoch for `text`: an ISO 8601 time with an offset as it is, or a local
 * date / date-time in `zone` ("2026-11-28 09:00", as marketing plans windows). Undefined when it is
 * neither, names an impossible date, or is local without a zone.
 */
export function toInstant(text: string, zone?: string): number | undefined {
  const trimmed = text.trim();
  if (HAS_OFFSET.test(trimmed)) {
    const t = Date.parse(trimmed);
    return Number.isNaN(t) ? undefined : t;
  }
  const m = LOCAL.exec(trimmed);
  if (!m || !zone || !isValidTimeZone(zone)) return undefined;
  const day = dayFromIso(`${m[1]}-${m[2]}-${m[3]}`);
  const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (day === undefined || h > 23 || mi > 59 || s > 59) return undefined;
  return wallClockToInstant(zone, day * DAY_MS + ((h * 60 + mi) * 60 + s) * 1000);
}
