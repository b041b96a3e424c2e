import { describe, expect, it } from 'vitest';
import { DEFAULT_DRAIN_BUDGET, deadlinePressure, drainBatch, drainShare, isBurst, restAfterStep } from '../../../bot/inbox/drain-budget.js';

const busyIntake = { intakePerTurn: 12, wasBurst: false, backlog: true, loopBusy: 0.95, deadlinePressure: 0 };

describe('drain budget (intake first under a burst)', () => {
  it('lets the drain run flat out when no burst queues at the door, the loop has room, or the drain keeps up', () => {
    expect(drainShare({ ...busyIntake, intakePerTurn: 0 })).toBe(1);
    // A steady load: one or two deliveries a turn of the loop, on a loop that looks busy (a shared machine).
    expect(drainShare({ ...busyIntake, intakePerTurn: 1.5 })).toBe(1);
    expect(drainShare({ ...busyIntake, backlog: false })).toBe(1);
    expect(drainShare({ ...busyIntake, loopBusy: 0.3 })).toBe(1);
    expect(restAfterStep(40, 1)).toBe(0);
    expect(drainBatch(1, 64)).toBe(64);
  });

  it('keeps the drain to its minimum share while a burst saturates the loop and nothing is near its deadline', () => {
    const share = drainShare(busyIntake);
    expect(share).toBe(DEFAULT_DRAIN_BUDGET.minShare);
    // A 10 ms step at a tenth of the time: 90 ms of rest, in small batches.
    expect(restAfterStep(10, share)).toBeCloseTo(90);
    expect(drainBatch(share, 64)).toBe(DEFAULT_DRAIN_BUDGET.contendedBatch);
    expect(restAfterStep(1000, share)).toBe(DEFAULT_DRAIN_BUDGET.maxRestMs);
  });

  it('sees a burst from 8 deliveries a turn, and keeps seeing it down to 3 (no flapping at the edge)', () => {
    expect(isBurst({ intakePerTurn: 5, wasBurst: false })).toBe(false);
    expect(isBurst({ intakePerTurn: 8, wasBurst: false })).toBe(true);
    expect(isBurst({ intakePerTurn: 5, wasBurst: true })).toBe(true);
    expect(isBurst({ intakePerTurn: 2, wasBurst: true })).toBe(false);
    expect(drainShare({ ...busyIntake, intakePerTurn: 5, wasBurst: true })).toBe(DEFAULT_DRAIN_BUDGET.minShare);
  });

  it('grows the share with deadline pressure until the drain takes all it needs', () => {
    const at = (pressure: number) => drainShare({ ...busyIntake, deadlinePressure: pressure });
    expect(at(0.1)).toBe(DEFAULT_DRAIN_BUDGET.minShare);
    expect(at(0.25)).toBe(DEFAULT_DRAIN_BUDGET.minShare);
    expect(at(0.3)).toBeGreaterThan(at(0.25));
    expect(at(0.4)).toBeGreaterThan(at(0.3));
    expect(at(0.5)).toBe(1);
    expect(at(2)).toBe(1);
    expect(restAfterStep(10, at(0.5))).toBe(0);
  });

  it('measures pressure as the share of the time to the deadline already spent', () => {
    expect(deadlinePressure(1000, 61_000, 1000)).toBe(0);
    expect(deadlinePressure(1000, 61_000, 16_000)).toBeCloseTo(0.25);
    expect(deadlinePressure(1000, 61_000, 91_000)).toBeCloseTo(1.5);
    // No time at all to the deadline: due at once.
    expect(deadlinePressure(1000, 1000, 1000)).toBe(1);
  });
});
