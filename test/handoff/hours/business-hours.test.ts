import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMs,
  BusinessHoursError,
  businessMsBetween,
  describeOpening,
  isOpen,
  nextOpening,
  parseBusinessHours,
  type BusinessHours,
} from '../../../handoff/hours/business-hours.js';
import { localParts, weekday } from '../../../config/time-zone.js';

const H = 3_600_000;
const at = (iso: string) => new Date(iso);
const PARIS = 'Europe/Paris';
// Europe/Paris in 2026: CET (+01:00) until Sunday 29 March 02:00, CEST (+02:00) until Sunday 25 October 03:00.
const office = parseBusinessHours('Mon-Fri 09:00-18:00; Sat 10:00-14:00', PARIS, ['2026-12-25']);

describe('parseBusinessHours', () => {
  it('reads day ranges, day lists, several ranges a day and wrapping ranges', () => {
    const h = parseBusinessHours('Mon-Wed 09:00-12:00, 13:00-17:30; thu,SAT 10:00 - 14:00; Fri-Sun 22:00-02:00', PARIS);
    const on = (d: number) => h.windows.filter((w) => w.weekday === d).map((w) => [w.startMinute, w.endMinute]);
    expect(on(1)).toEqual([
      [540, 720],
      [780, 1050],
    ]);
    expect(on(3)).toEqual([
      [540, 720],
      [780, 1050],
    ]);
    expect(on(4)).toEqual([[600, 840]]);
    expect(on(6)).toEqual([
      [600, 840],
      [1320, 1560],
    ]);
    expect(on(0)).toEqual([[1320, 1560]]);
    expect(on(5)).toEqual([[1320, 1560]]);
  });

  it('accepts always and 24/7, and canonical time zone names', () => {
    expect(parseBusinessHours('always', 'UTC').always).toBe(true);
    expect(parseBusinessHours(' 24/7 ', 'Europe/Paris').always).toBe(true);
    expect(parseBusinessHours('Mon 00:00-24:00', 'UTC').windows).toEqual([{ weekday: 1, startMinute: 0, endMinute: 1440 }]);
    expect(
      parseBusinessHours('daily 08:00-20:00', 'UTC')
        .windows.map((w) => w.weekday)
        .sort(),
    ).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(parseBusinessHours('Mon-Fri 9:00-18:00', 'europe/paris').timeZone).toBe('Europe/Paris');
  });

  it.each([
    ['Mon-Fri 9-18', PARIS, [], /"9-18" in "Mon-Fri 9-18" is not a time range/],
    ['Mon-Fry 09:00-18:00', PARIS, [], /"Fry" in "Mon-Fry 09:00-18:00" is not a day name/],
    ['Mon-Fri 09:00-25:00', PARIS, [], /"09:00-25:00".*past 23:59/],
    ['Mon 09:60-10:00', PARIS, [], /"09:60-10:00"/],
    ['Mon 10:00-10:00', PARIS, [], /same time/],
    ['09:00-18:00', PARIS, [], /"09:00-18:00" is not days then hours/],
    ['', PARIS, [], /empty/],
    ['Mon-Fri 09:00-18:00', 'Europe/Pariss', [], /Unknown time zone "Europe\/Pariss"/],
    ['Mon-Fri 09:00-18:00', PARIS, ['2026-02-30'], /Holiday "2026-02-30"/],
    ['Mon-Fri 09:00-18:00', PARIS, ['25/12/2026'], /Holiday "25\/12\/2026"/],
  ])('refuses %j (%s, %j) naming the bad part', (text, zone, holidays, message) => {
    expect(() => parseBusinessHours(text, zone, holidays)).toThrowError(BusinessHoursError);
    expect(() => parseBusinessHours(text, zone, holidays)).toThrowError(message);
  });
});

describe('isOpen and nextOpening', () => {
  it('follows the local clock on both sides of the spring change', () => {
    // Friday 27 March, CET: 09:30 local is 08:30Z; 08:30Z is open, 07:30Z (08:30 local) is not.
    expect(isOpen(office, at('2026-03-27T08:30:00Z'))).toBe(true);
    expect(isOpen(office, at('2026-03-27T07:30:00Z'))).toBe(false);
    // Monday 30 March, CEST: 07:30Z is 09:30 local.
    expect(isOpen(office, at('2026-03-30T07:30:00Z'))).toBe(true);
    expect(isOpen(office, at('2026-03-30T16:30:00Z'))).toBe(false);
  });

  it('closes at the closing minute and is open at the opening minute', () => {
    expect(isOpen(office, at('2026-03-30T07:00:00Z'))).toBe(true);
    expect(isOpen(office, at('2026-03-30T06:59:59.999Z'))).toBe(false);
    expect(isOpen(office, at('2026-03-30T16:00:00Z'))).toBe(false);
  });

  it('skips the weekend: after Saturday 14:00 the next person answers Monday 09:00 summer time', () => {
    expect(nextOpening(office, at('2026-03-28T13:30:00Z'))).toEqual(at('2026-03-30T07:00:00Z'));
    expect(nextOpening(office, at('2026-10-24T12:30:00Z'))).toEqual(at('2026-10-26T08:00:00Z'));
  });

  it('returns the instant itself when open', () => {
    expect(nextOpening(office, at('2026-03-30T09:15:27Z'))).toEqual(at('2026-03-30T09:15:27Z'));
  });

  it('skips holidays, whole local days', () => {
    // Christmas Eve 19:00 local: Friday 25th is a holiday, Saturday opens at 10:00.
    expect(nextOpening(office, at('2026-12-24T18:00:00Z'))).toEqual(at('2026-12-26T09:00:00Z'));
    expect(isOpen(office, at('2026-12-25T10:00:00Z'))).toBe(false);
    const twoDays = parseBusinessHours(office.text, PARIS, ['2026-12-25', '2026-12-26']);
    expect(nextOpening(twoDays, at('2026-12-24T18:00:00Z'))).toEqual(at('2026-12-28T08:00:00Z'));
  });

  it('keeps an overnight window open past midnight, but not into a holiday', () => {
    const nights = parseBusinessHours('Fri 22:00-02:00', PARIS);
    expect(isOpen(nights, at('2027-01-09T00:30:00Z'))).toBe(true); // Saturday 01:30 local
    expect(isOpen(nights, at('2027-01-09T01:30:00Z'))).toBe(false); // Saturday 02:30 local
    const saturdayOff = parseBusinessHours('Fri 22:00-02:00', PARIS, ['2027-01-09']);
    expect(isOpen(saturdayOff, at('2027-01-08T22:30:00Z'))).toBe(true); // Friday 23:30
    expect(isOpen(saturdayOff, at('2027-01-09T00:30:00Z'))).toBe(false);
  });

  it('reads an opening time that does not exist (spring forward) with the offset before the jump', () => {
    // Sunday 29 March 2026 has no 02:00-02:59 in Paris: 02:30 is read as 03:30 summer time, 01:30Z
    // (RFC 5545, Temporal's 'compatible'), as knowledge windows read it; 04:00 summer time is 02:00Z.
    const night = parseBusinessHours('Sun 02:30-04:00', PARIS);
    expect(nextOpening(night, at('2026-03-28T12:00:00Z'))).toEqual(at('2026-03-29T01:30:00Z'));
    expect(businessMsBetween(night, at('2026-03-28T12:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(0.5 * H);
  });

  it('uses the first of the two 02:30s on the fall-back night', () => {
    const night = parseBusinessHours('Sun 02:30-04:00', PARIS);
    // 02:30 CEST is 00:30Z; 04:00 CET is 03:00Z: two and a half hours of real time.
    expect(nextOpening(night, at('2026-10-24T12:00:00Z'))).toEqual(at('2026-10-25T00:30:00Z'));
    expect(businessMsBetween(night, at('2026-10-24T12:00:00Z'), at('2026-10-26T00:00:00Z'))).toBe(2.5 * H);
  });
});

describe('businessMsBetween', () => {
  it('counts real open time across the spring change: Friday 17:00 CET to Monday 10:00 CEST is 6 hours', () => {
    expect(businessMsBetween(office, at('2026-03-27T16:00:00Z'), at('2026-03-30T08:00:00Z'))).toBe(6 * H);
  });

  it('counts an overnight window that spans a DST change by the real clock', () => {
    const nights = parseBusinessHours('Sat 22:00-06:00', PARIS);
    expect(businessMsBetween(nights, at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(7 * H);
    expect(businessMsBetween(nights, at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z'))).toBe(9 * H);
  });

  it('24/7 counts every millisecond, also on the 23- and 25-hour days', () => {
    const always = parseBusinessHours('always', PARIS);
    expect(businessMsBetween(always, at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'))).toBe(23 * H);
    const withHoliday = parseBusinessHours('always', PARIS, ['2026-10-25']);
    // Sunday 25 October local (25 hours) is closed: 00:00 CEST is 24 Oct 22:00Z, the next midnight 25 Oct 23:00Z.
    expect(businessMsBetween(withHoliday, at('2026-10-24T12:00:00Z'), at('2026-10-26T12:00:00Z'))).toBe(48 * H - 25 * H);
    expect(nextOpening(withHoliday, at('2026-10-25T12:00:00Z'))).toEqual(at('2026-10-25T23:00:00Z'));
  });

  it('is zero for an empty or backward span', () => {
    expect(businessMsBetween(office, at('2026-03-30T09:00:00Z'), at('2026-03-30T09:00:00Z'))).toBe(0);
    expect(businessMsBetween(office, at('2026-03-30T10:00:00Z'), at('2026-03-30T09:00:00Z'))).toBe(0);
  });
});

describe('addBusinessMs', () => {
  it('carries the rest of the target to the next opening', () => {
    // Friday 17:30 CET + 1 hour of open time: 30 minutes Friday, 30 minutes from Saturday 10:00.
    expect(addBusinessMs(office, at('2026-03-27T16:30:00Z'), H)).toEqual(at('2026-03-28T09:30:00Z'));
    // Saturday 13:30 CET + 1 hour: 30 minutes Saturday, then Monday 09:30 CEST.
    expect(addBusinessMs(office, at('2026-03-28T12:30:00Z'), H)).toEqual(at('2026-03-30T07:30:00Z'));
  });

  it('starts counting at the next opening when closed, and ends exactly at closing time', () => {
    expect(addBusinessMs(office, at('2026-03-29T12:00:00Z'), 9 * H)).toEqual(at('2026-03-30T16:00:00Z'));
    expect(addBusinessMs(office, at('2026-03-29T12:00:00Z'), 0)).toEqual(at('2026-03-29T12:00:00Z'));
  });
});

describe('describeOpening', () => {
  it('says today, tomorrow, a weekday within a week, else the date, with the time zone', () => {
    expect(describeOpening(office, at('2026-03-27T06:00:00Z'))).toBe('today at 09:00 (Europe/Paris)');
    expect(describeOpening(office, at('2026-03-26T18:00:00Z'))).toBe('tomorrow at 09:00 (Europe/Paris)');
    expect(describeOpening(office, at('2026-03-28T13:30:00Z'))).toBe('Monday 09:00 (Europe/Paris)');
    const longBreak = parseBusinessHours(office.text, PARIS, [
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
    expect(describeOpening(longBreak, at('2026-12-26T14:00:00Z'))).toBe('Monday, January 4 09:00 (Europe/Paris)');
  });

  it('speaks the locale, and says now when open', () => {
    expect(describeOpening(office, at('2026-03-26T18:00:00Z'), 'fr')).toBe('demain 09:00 (Europe/Paris)');
    expect(describeOpening(office, at('2026-03-28T13:30:00Z'), 'de')).toBe('Montag 09:00 (Europe/Paris)');
    expect(describeOpening(office, at('2026-03-30T08:00:00Z'))).toBe('now');
    expect(describeOpening(office, at('2026-03-26T18:00:00Z'), 'not a locale!')).toBe('tomorrow at 09:00 (Europe/Paris)');
  });
});

/** The oracle: open iff the local clock is inside a window started today or yesterday, and today is no holiday. */
function openByClock(hours: BusinessHours, t: number): boolean {
  const { day, minute } = localParts(hours.timeZone, t);
  if (hours.holidays.has(day)) return false;
  if (hours.always) return true;
  return hours.windows.some(
    (w) =>
      (w.weekday === weekday(day) && w.startMinute <= minute && minute < w.endMinute) ||
      (w.weekday === weekday(day - 1) && w.startMinute <= minute + 1440 && minute + 1440 < w.endMinute),
  );
}

// Boundaries on quarter hours, none strictly inside 02:00-03:00 where the local clock is ambiguous.
const quarter = fc
  .integer({ min: 0, max: 95 })
  .filter((q) => q <= 8 || q >= 12)
  .map((q) => q * 15);
const windowArb = fc.tuple(fc.integer({ min: 0, max: 6 }), quarter, quarter).filter(([, s, e]) => s !== e);
const DAY0 = Date.UTC(2026, 2, 24); // five days before the spring change in Europe; New York changed on 8 March, Sydney on 5 April
const settingArb = fc.record({
  zone: fc.constantFrom('Europe/Paris', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'),
  windows: fc.array(windowArb, { minLength: 1, maxLength: 4 }),
  holidays: fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 3 }),
  shiftDays: fc.constantFrom(0, 210, 350), // around the spring change, the fall change, and New York's 1 November
});
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

interface Setting {
  zone: string;
  windows: [number, number, number][];
  holidays: number[];
  shiftDays: number;
}

function build(s: Setting) {
  const text = s.windows.map(([d, a, b]) => `${DAYS[d]} ${hhmm(a)}-${b === 0 ? '24:00' : hhmm(b)}`).join('; ');
  const start = DAY0 + s.shiftDays * 86_400_000;
  const holidays = s.holidays.map((d) => new Date(start + d * 86_400_000).toISOString().slice(0, 10));
  return { hours: parseBusinessHours(text, s.zone, holidays), start };
}

describe('against the local clock, minute by minute (fast-check)', () => {
  it('businessMsBetween equals the open minutes the clock shows, in several zones and around DST changes', () => {
    fc.assert(
      fc.property(settingArb, fc.integer({ min: 0, max: 8 * 24 * 60 }), fc.integer({ min: 1, max: 3 * 24 * 60 }), (s, offset, span) => {
        const { hours, start } = build(s);
        const from = start + offset * 60_000;
        let minutes = 0;
        for (let i = 0; i < span; i++) if (openByClock(hours, from + i * 60_000)) minutes++;
        expect(businessMsBetween(hours, from, from + span * 60_000)).toBe(minutes * 60_000);
      }),
      { numRuns: 40 },
    );
  });

  it('addBusinessMs is the earliest instant at which businessMsBetween reaches the amount; nextOpening agrees with isOpen', () => {
    fc.assert(
      fc.property(settingArb, fc.integer({ min: 0, max: 14 * 24 * 60 }), fc.integer({ min: 1, max: 30 * 60 }), (s, offset, minutes) => {
        const { hours, start } = build(s);
        const from = start + offset * 60_000 + 12_345;
        const ms = minutes * 60_000;
        const reached = +addBusinessMs(hours, from, ms);
        expect(businessMsBetween(hours, from, reached)).toBe(ms);
        expect(businessMsBetween(hours, from, reached - 1)).toBe(ms - 1);
        const opens = +nextOpening(hours, from);
        expect(isOpen(hours, opens)).toBe(true);
        expect(opens === from).toBe(isOpen(hours, from));
        expect(isOpen(hours, from)).toBe(openByClock(hours, from));
      }),
      { numRuns: 60 },
    );
  });
});
