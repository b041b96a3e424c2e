import { describe, expect, it } from 'vitest';
import { parseKnowledge } from '../../config/knowledge/load-knowledge.js';
import { businessMsBetween, isOpen, nextOpening, parseBusinessHours } from '../../handoff/hours/business-hours.js';
import { dayFromIso, localParts, localToInstant, toInstant, utcDayStart, zoneOffsetMs } from '../../config/time-zone.js';

const at = (iso: string) => Date.parse(iso);
const H = 3_600_000;

/** The instant a knowledge window edge written as `local` in `zone` becomes, through the knowledge file. */
function windowStart(local: string, zone: string): string {
  const yaml = `version: 1
timezone: ${zone}
acknowledgement: A person will answer.
entries:
  - id: sale
    kind: campaign
    title: Sale
    keywords: [sale]
    window: { start: "${local}" }
    reply: Hi
`;
  return parseKnowledge(yaml).entries[0]!.window!.start!;
}

/** The instant business hours open when a window starts at `hhmm` on `date` in `zone`. */
function hoursOpen(date: string, hhmm: string, zone: string): string {
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(`${date}T12:00:00Z`).getUTCDay()];
  const hours = parseBusinessHours(`${weekday} ${hhmm}-23:00`, zone);
  return nextOpening(hours, at(`${date}T00:00:00Z`) - 2 * 24 * H).toISOString();
}

describe('one time-zone rule for knowledge windows and business hours', () => {
  // [zone, local date, local time, instant]: Paris changes at 02:00 local (29 March, 25 October 2026),
  // New York at 02:00 local (8 March, 1 November 2026).
  const cases: [string, string, string, string, string][] = [
    ['spring-forward gap: read with the offset before the jump', 'Europe/Paris', '2026-03-29', '02:30', '2026-03-29T01:30:00.000Z'],
    ['fall-back repeat: the first occurrence', 'Europe/Paris', '2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'],
    ['a plain time the day after spring-forward', 'Europe/Paris', '2026-03-30', '02:30', '2026-03-30T00:30:00.000Z'],
    ['spring-forward gap', 'America/New_York', '2026-03-08', '02:30', '2026-03-08T07:30:00.000Z'],
    ['fall-back repeat: the first occurrence (daylight time)', 'America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z'],
    ['winter time', 'America/New_York', '2026-12-01', '09:00', '2026-12-01T14:00:00.000Z'],
  ];
  for (const [what, zone, date, time, instant] of cases) {
    it(`${zone} ${date} ${time} (${what}) is ${instant} for windows and for hours alike`, () => {
      expect(windowStart(`${date} ${time}`, zone)).toBe(instant);
      expect(hoursOpen(date, time, zone)).toBe(instant);
      expect(new Date(toInstant(`${date}T${time}`, zone)!).toISOString()).toBe(instant);
    });
  }

  it('counts the real length of the 23- and 25-hour days between local midnights', () => {
    const day = (iso: string) => dayFromIso(iso)!;
    expect(localToInstant('Europe/Paris', day('2026-03-30'), 0) - localToInstant('Europe/Paris', day('2026-03-29'), 0)).toBe(23 * H);
    expect(localToInstant('Europe/Paris', day('2026-10-26'), 0) - localToInstant('Europe/Paris', day('2026-10-25'), 0)).toBe(25 * H);
    expect(localToInstant('America/New_York', day('2026-11-02'), 0) - localToInstant('America/New_York', day('2026-11-01'), 0)).toBe(
      25 * H,
    );
  });

  it('reads the local clock on both sides of each change, whatever was asked before', () => {
    // Alternating far-apart instants exercises the offset spans it remembers.
    const checks: [string, string, number][] = [
      ['Europe/Paris', '2026-03-29T00:59:59Z', 1 * H],
      ['Europe/Paris', '2026-03-29T01:00:00Z', 2 * H],
      ['America/New_York', '2026-11-01T05:59:59Z', -4 * H],
      ['Europe/Paris', '2026-10-25T00:59:59Z', 2 * H],
      ['America/New_York', '2026-11-01T06:00:00Z', -5 * H],
      ['Europe/Paris', '2026-10-25T01:00:00Z', 1 * H],
      ['Europe/Paris', '2026-03-29T00:59:59Z', 1 * H],
      ['UTC', '2026-03-29T01:00:00Z', 0],
      ['Asia/Kolkata', '2026-03-29T01:00:00Z', 5.5 * H],
    ];
    for (const [zone, iso, offset] of checks) expect(zoneOffsetMs(zone, at(iso)), `${zone} ${iso}`).toBe(offset);
    // The second 01:30 in New York (standard time) is still 01:30 on the local clock.
    expect(localParts('America/New_York', at('2026-11-01T06:30:00Z')).minute).toBe(90);
  });

  it('opens and closes business hours at the same instants the clock shows across the fall-back night', () => {
    const night = parseBusinessHours('Sun 01:00-03:00', 'America/New_York');
    // 01:00 daylight time (05:00Z) to 03:00 standard time (08:00Z): three hours of real time.
    expect(businessMsBetween(night, at('2026-10-31T12:00:00Z'), at('2026-11-02T00:00:00Z'))).toBe(3 * H);
    expect(isOpen(night, at('2026-11-01T04:59:59Z'))).toBe(false);
    expect(isOpen(night, at('2026-11-01T07:59:59Z'))).toBe(true);
    expect(isOpen(night, at('2026-11-01T08:00:00Z'))).toBe(false);
  });

  it('refuses impossible local times and local times without a zone', () => {
    expect(toInstant('2026-02-30 09:00', 'Europe/Paris')).toBeUndefined();
    expect(toInstant('2026-03-01 10:60', 'Europe/Paris')).toBeUndefined();
    expect(toInstant('2026-03-01 09:00')).toBeUndefined();
    expect(toInstant('2026-03-01 09:00', 'Europe/Pariss')).toBeUndefined();
    expect(toInstant('2026-03-01T09:00:00-05:00', 'Europe/Paris')).toBe(at('2026-03-01T14:00:00Z'));
  });

  it('counts reports by UTC day', () => {
    expect(utcDayStart(at('2026-03-29T23:59:59Z'))).toBe(at('2026-03-29T00:00:00Z'));
    expect(utcDayStart(at('2026-03-29T00:00:00Z'), 13)).toBe(at('2026-03-16T00:00:00Z'));
  });
});
