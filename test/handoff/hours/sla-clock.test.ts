import { describe, expect, it } from 'vitest';
import { parseBusinessHours } from '../../../handoff/hours/business-hours.js';
import { slaState } from '../../../handoff/hours/sla-clock.js';

const M = 60_000;
const at = (iso: string) => new Date(iso);
const office = parseBusinessHours('Mon-Fri 09:00-18:00', 'Europe/Paris', ['2026-12-25']);
const target = { targetMinutes: 60 };

describe('slaState', () => {
  it('is ok, then warning at 80% of the target, then breached, counting open time only', () => {
    const handoffAt = at('2026-03-30T07:00:00Z'); // Monday 09:00 CEST
    expect(slaState(office, handoffAt, at('2026-03-30T07:47:00Z'), target)).toEqual({
      elapsedMs: 47 * M,
      targetMs: 60 * M,
      remainingMs: 13 * M,
      state: 'ok',
      breachAt: Date.parse('2026-03-30T08:00:00Z'),
    });
    expect(slaState(office, handoffAt, at('2026-03-30T07:48:00Z'), target).state).toBe('warning');
    const late = slaState(office, handoffAt, at('2026-03-30T08:05:00Z'), target);
    expect(late.state).toBe('breached');
    expect(late.remainingMs).toBe(-5 * M);
  });

  it('does not run while closed: a Friday-evening handoff is due Monday, across the spring change', () => {
    const handoffAt = at('2026-03-27T16:40:00Z'); // Friday 17:40 CET: 20 minutes before closing
    const saturday = slaState(office, handoffAt, at('2026-03-28T12:00:00Z'), target);
    expect(saturday).toMatchObject({ elapsedMs: 20 * M, state: 'ok' });
    // The other 40 minutes run from Monday 09:00 CEST (07:00Z).
    expect(saturday.breachAt).toBe(Date.parse('2026-03-30T07:40:00Z'));
    expect(slaState(office, handoffAt, at('2026-03-30T07:27:00Z'), target).state).toBe('ok'); // 20 + 27 minutes
    expect(slaState(office, handoffAt, at('2026-03-30T07:40:00Z'), target).state).toBe('breached');
  });

  it('honours a custom warning fraction, and a holiday in the way', () => {
    const handoffAt = at('2026-12-24T16:30:00Z'); // Thursday 17:30 CET; Friday is Christmas
    const custom = { targetMinutes: 60, warningFraction: 0.5 };
    expect(slaState(office, handoffAt, at('2026-12-25T12:00:00Z'), custom)).toMatchObject({ elapsedMs: 30 * M, state: 'warning' });
    expect(slaState(office, handoffAt, at('2026-12-25T12:00:00Z'), target).state).toBe('ok');
    expect(slaState(office, handoffAt, at('2026-12-25T12:00:00Z'), target).breachAt).toBe(Date.parse('2026-12-28T08:30:00Z'));
  });

  it('stops at the first human reply (passed as now)', () => {
    const handoffAt = at('2026-03-30T07:00:00Z');
    const replied = slaState(office, handoffAt, at('2026-03-30T07:10:00Z'), target);
    expect(replied).toMatchObject({ elapsedMs: 10 * M, state: 'ok' });
  });
});
