import { BusinessHoursError, type BusinessHours, type OpeningWindow } from '../../config/parse-business-hours.js';
import { localParts, localToInstant, weekday, type DayNumber } from '../../config/time-zone.js';

/**
 * The open intervals of business hours as instants. Every boundary is a local wall-clock time
 * converted to an instant for that very day, so DST changes and midnight need no special case: the
 * night of a spring-forward day is simply one hour shorter.
 */

/** [start, end) in epoch milliseconds. */
export type Interval = [number, number];

const WHOLE_DAY: OpeningWindow[] = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startMinute: 0, endMinute: 1440 }));
const CHUNK_DAYS = 7;
/** A safety stop: no setting keeps a thread waiting this long (holidays are finite, windows non-empty). */
const MAX_DAYS = 3660;

function windowsOf(hours: BusinessHours): readonly OpeningWindow[] {
  return hours.always ? WHOLE_DAY : hours.windows;
}

/**
 * Open intervals from local midnight of `fromDay` to local midnight of `toDay`, sorted and disjoint.
 * Windows that start the day before and run past midnight are included; holidays close whole local days.
 */
export function openIntervals(hours: BusinessHours, fromDay: DayNumber, toDay: DayNumber): Interval[] {
  const zone = hours.timeZone;
  const lo = localToInstant(zone, fromDay, 0);
  const hi = localToInstant(zone, toDay, 0);
  const raw: Interval[] = [];
  for (let day = fromDay - 1; day < toDay; day++) {
    const wd = weekday(day);
    for (const w of windowsOf(hours)) {
      if (w.weekday !== wd) continue;
      // Clip the window at each local midnight it crosses that starts a holiday.
      let from = w.startMinute;
      while (from < w.endMinute) {
        const dayOffset = Math.floor(from / 1440);
        const to = Math.min(w.endMinute, (dayOffset + 1) * 1440);
        if (!hours.holidays.has(day + dayOffset)) {
          const start = Math.max(lo, localToInstant(zone, day, from));
          const end = Math.min(hi, localToInstant(zone, day, to));
          if (end > start) raw.push([start, end]);
        }
        from = to;
      }
    }
  }
  raw.sort((a, b) => a[0] - b[0]);
  const merged: Interval[] = [];
  for (const iv of raw) {
    const last = merged[merged.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else merged.push([iv[0], iv[1]]);
  }
  return merged;
}

/** Weeks of open intervals already computed, per hours setting: the SLA of every open thread covers the same days. */
const weeks = new WeakMap<BusinessHours, Map<DayNumber, Interval[]>>();
const MAX_CACHED_WEEKS = 256;

/** The open intervals of the 7-day block holding `day` (blocks are aligned so they can be cached). */
export function openWeek(hours: BusinessHours, day: DayNumber): Interval[] {
  const start = Math.floor(day / CHUNK_DAYS) * CHUNK_DAYS;
  let cache = weeks.get(hours);
  if (!cache) weeks.set(hours, (cache = new Map()));
  let intervals = cache.get(start);
  if (!intervals) {
    if (cache.size >= MAX_CACHED_WEEKS) cache.clear();
    intervals = openIntervals(hours, start, start + CHUNK_DAYS);
    cache.set(start, intervals);
  }
  return intervals;
}

/** Open intervals that end after `from`, in order, the first clipped to start no earlier than `from`. */
export function* openFrom(hours: BusinessHours, from: number): Generator<Interval> {
  const first = localParts(hours.timeZone, from).day;
  for (let day = first; day < first + MAX_DAYS; day += CHUNK_DAYS) {
    for (const [start, end] of openWeek(hours, day)) {
      if (end > from) yield [Math.max(start, from), end];
    }
  }
  throw new BusinessHoursError(`Business hours "${hours.text}" never open within ${MAX_DAYS} days`);
}
