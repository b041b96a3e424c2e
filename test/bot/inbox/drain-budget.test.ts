import { describe, expect, it } from 'vitest';
import {
  createDrainPacer,
  DEFAULT_DRAIN_BUDGET,
  deadlinePressure,
  drainBatch,
  drainShare,
  isBurst,
  restAfterStep,
} from '../../../bot/inbox/drain-budget.js';

const busyIntake = { intakeWaiting: 12, wasBurst: false, backlog: true, loopBusy: 0.95, deadlinePressure: 0 };

describe('drain budget (intake first under a burst)', () => {
  it('lets the drain run flat out when no burst queues at the door, the loop has room, or the drain keeps up', () => {
    expect(drainShare({ ...busyIntake, intakeWaiting: 0 })).toBe(1);
    // A steady load: a delivery under way now and then, on a loop that looks busy (a shared machine).
    expect(drainShare({ ...busyIntake, intakeWaiting: 0.5 })).toBe(1);
    expect(drainShare({ ...busyIntake, backlog: false })).toBe(1);
    // Deliveries waiting on a slow store while the loop idles: no burst starts.
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

  it('sees a burst from 4 deliveries under way at once on a busy loop, and keeps seeing it down to 2 (no flapping at the edge)', () => {
    expect(isBurst({ intakeWaiting: 3, wasBurst: false, loopBusy: 0.9 })).toBe(false);
    expect(isBurst({ intakeWaiting: 4, wasBurst: false, loopBusy: 0.9 })).toBe(true);
    expect(isBurst({ intakeWaiting: 3, wasBurst: true, loopBusy: 0.9 })).toBe(true);
    expect(isBurst({ intakeWaiting: 1.5, wasBurst: true, loopBusy: 0.9 })).toBe(false);
    expect(drainShare({ ...busyIntake, intakeWaiting: 3, wasBurst: true })).toBe(DEFAULT_DRAIN_BUDGET.minShare);
  });

  it('starts a burst on a busy loop only, but keeps it through dips of the loop (an instance waiting on Redis)', () => {
    expect(isBurst({ intakeWaiting: 12, wasBurst: false, loopBusy: 0.3 })).toBe(false);
    expect(isBurst({ intakeWaiting: 12, wasBurst: true, loopBusy: 0.3 })).toBe(true);
    expect(drainShare({ ...busyIntake, wasBurst: true, loopBusy: 0.2 })).toBe(DEFAULT_DRAIN_BUDGET.minShare);
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

/** A store's answer to one accept, settled by the test. */
function pending() {
  let settle!: () => void;
  const promise = new Promise<void>((r) => (settle = r));
  return { promise, settle };
}

describe('drain pacer (what the drains measure)', () => {
  // Windows of 100 ms on a clock the test moves; the loop counts as busy whatever it does, and the drain is behind.
  function pacer() {
    let t = 0;
    const p = createDrainPacer({ policy: { ...DEFAULT_DRAIN_BUDGET, busyAbove: 0 }, clock: () => t, now: () => 0 });
    p.noteClaimed(
      Array.from({ length: 8 }, () => ({ receivedAt: 0, deadlineAt: 60_000 })),
      8,
    );
    return { p, at: (ms: number) => (t = ms) };
  }
  /** `count` deliveries, one every `everyMs` from `from`, one turn of the loop apart, each answered by its store `forMs` later. */
  async function deliver(pc: ReturnType<typeof pacer>, from: number, count: number, everyMs: number, forMs: number) {
    const open: { end: number; settle: () => void; done: Promise<void> }[] = [];
    const answerUntil = async (t: number) => {
      for (let u = open[0]; u && u.end <= t; u = open[0]) {
        open.shift();
        pc.at(u.end);
        u.settle();
        await u.done;
      }
    };
    for (let i = 0; i < count; i++) {
      await answerUntil(from + i * everyMs);
      pc.at(from + i * everyMs);
      const accept = pending();
      open.push({ end: from + i * everyMs + forMs, settle: accept.settle, done: pc.p.intake(accept.promise) });
      await new Promise((r) => setImmediate(r));
    }
    await answerUntil(Infinity);
  }

  it('sees a burst in deliveries that each await their store across turns of the loop (one per turn, as on Redis)', async () => {
    const pc = pacer();
    // 10 000 a second, each waiting 1 ms on its store: about 10 under way at once, one arriving per turn.
    await deliver(pc, 0, 1000, 0.1, 1);
    pc.at(100);
    expect(pc.p.share()).toBe(DEFAULT_DRAIN_BUDGET.minShare);
    expect(pc.p.batch(64)).toBe(DEFAULT_DRAIN_BUDGET.contendedBatch);
  });

  it('sees a burst in deliveries accepted together within one turn (as on SQLite)', async () => {
    const pc = pacer();
    // Five groups of 20 in one turn each, written together 4 ms later.
    for (let g = 0; g < 5; g++) {
      pc.at(g * 20);
      const accept = pending();
      const done = Array.from({ length: 20 }, () => pc.p.intake(accept.promise));
      pc.at(g * 20 + 4);
      accept.settle();
      await Promise.all(done);
    }
    pc.at(100);
    expect(pc.p.share()).toBe(DEFAULT_DRAIN_BUDGET.minShare);
  });

  it('never holds the drain back for a steady load, even with a slow store and a busy loop', async () => {
    const pc = pacer();
    // 200 a second, each waiting 5 ms on its store: one under way on average; and 3 at once for 1 ms.
    await deliver(pc, 0, 20, 5, 5);
    const rush = pending();
    pc.at(99);
    const done = Promise.all([1, 2, 3].map(() => pc.p.intake(rush.promise)));
    pc.at(100);
    rush.settle();
    await done;
    expect(pc.p.share()).toBe(1);
    expect(pc.p.restAfter(40)).toBe(0);
  });

  it('keeps the burst while fewer deliveries are under way, and ends it when none is', async () => {
    const pc = pacer();
    await deliver(pc, 0, 1000, 0.1, 1);
    pc.at(100);
    expect(pc.p.share()).toBe(DEFAULT_DRAIN_BUDGET.minShare);
    // Under 4 but at least 2 under way: still a burst.
    await deliver(pc, 100, 250, 0.4, 1);
    pc.at(200);
    expect(pc.p.share()).toBe(DEFAULT_DRAIN_BUDGET.minShare);
    // A window without a delivery: the drain runs flat out again.
    pc.at(300);
    expect(pc.p.share()).toBe(1);
  });

  it('keeps the last window until a new one is due (windows of at least 100 ms)', async () => {
    const pc = pacer();
    await deliver(pc, 0, 1000, 0.1, 1);
    pc.at(100);
    expect(pc.p.share()).toBe(DEFAULT_DRAIN_BUDGET.minShare);
    pc.at(150);
    expect(pc.p.share()).toBe(DEFAULT_DRAIN_BUDGET.minShare);
  });
});
