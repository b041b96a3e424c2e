import { parseBusinessHours, BusinessHoursError, type BusinessHours, type OpeningWindow } from '../../config/parse-business-hours.js';
import { openFrom, openWeek } from './open-intervals.js';
import { localParts } from '../../config/time-zone.js';

/**
 * When people answer: open or not at an instant, the next opening, open time between two instants
 * (the human SLA clock) and the instant a given amount of open time is reached. Correct across DST
 * changes, midnight and holidays (see open-intervals.ts).
 */

export { parseBusinessHours, BusinessHoursError, type BusinessHours, type OpeningWindow };
export { describeOpening } from './describe-opening.js';

export function isOpen(hours: BusinessHours, at: Date | number): boolean {
  const t = +at;
  const day = localParts(hours.timeZone, t).day;
  return openWeek(hours, day).some(([start, end]) => start <= t && t < end);
}

/** When a person will answer: `at` itself when open, else the start of the next opening. */
export function nextOpening(hours: BusinessHours, at: Date | number): Date {
  for (const [start] of openFrom(hours, +at)) return new Date(start);
  throw new BusinessHoursError('unreachable');
}

/** Milliseconds of open time in [from, to): the SLA clock for people. */
export function businessMsBetween(hours: BusinessHours, from: Date | number, to: Date | number): number {
  const [a, b] = [+from, +to];
  if (b <= a) return 0;
  if (hours.always && hours.holidays.size === 0) return b - a;
  let total = 0;
  for (const [start, end] of openFrom(hours, a)) {
    if (start >= b) break;
    total += Math.min(end, b) - start;
  }
  return total;
}

/** The instant at which `ms` of open time has passed since `from` (a breach time). */
export function addBusinessMs(hours: BusinessHours, from: Date | number, ms: number): Date {
  let left = ms;
  if (left <= 0) return new Date(+from);
  for (const [start, end] of openFrom(hours, +from)) {
    if (end - start >= left) return new Date(start + left);
    left -= end - start;
  }
  throw new BusinessHoursError('unreachable');
}
