import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/**
 * Intake first under a burst. Webhook platforms want their 200 fast (X delivers again after ~3 s) and
 * the inbox exists to absorb bursts, so while deliveries arrive and keep the event loop busy, the
 * drains (turns, sends) get a share of the loop's time only; as the oldest waiting mention nears its
 * acknowledgement deadline, their share grows until they take all they need.
 */
export interface DrainBudgetPolicy {
  /** Each drain's share of time while intake keeps the loop busy and no deadline presses (turns and sends: two drains). */
  minShare: number;
  /** The loop counts as busy above this utilisation (performance.eventLoopUtilization). */
  busyAbove: number;
  /**
   * Deliveries queue at the door when at least this many are accepted per turn of the event loop (a
   * burst); a steady load arrives one or two a turn. Utilisation alone cannot tell: on a shared
   * machine another process's load makes a lightly loaded loop look busy.
   */
  queuedAbove: number;
  /** Once a burst is seen, it lasts while at least this many arrive per turn (no flapping at the edge). */
  queuedStill: number;
  /** Deadline pressure (share of the deadline already waited) at which the share starts to grow... */
  pressureFrom: number;
  /** ...and at which the drain takes all it needs (room left for the turn and the send). */
  pressureFull: number;
  /** The longest rest between two steps: a budget is recomputed at least this often. */
  maxRestMs: number;
  /** Steps while intake is contending are at most this big, so one step never holds intake long. */
  contendedBatch: number;
}

export const DEFAULT_DRAIN_BUDGET: DrainBudgetPolicy = {
  minShare: 0.1,
  busyAbove: 0.5,
  queuedAbove: 8,
  queuedStill: 3,
  pressureFrom: 0.25,
  pressureFull: 0.5,
  maxRestMs: 250,
  contendedBatch: 8,
};

/** What the drain knows when it decides. */
export interface DrainConditions {
  /** Deliveries accepted per turn of the event loop, recently (0 when none arrives). */
  intakePerTurn: number;
  /** The last decision saw a burst (see `queuedStill`). */
  wasBurst: boolean;
  /**
   * The drain is behind: its last claim found at least a small step's worth waiting. A drain that
   * keeps up (steady load, a few mentions a step) is never held back, so nothing gets slower when
   * there is no burst to absorb.
   */
  backlog: boolean;
  /** Event loop utilisation over the recent window, 0..1 (the drains' own work included). */
  loopBusy: number;
  /** The oldest known waiting item's share of its deadline already spent (0 fresh, 1 due now); 0 when none waits. */
  deadlinePressure: number;
}

/** Whether deliveries queue at the door: a burst. */
export function isBurst(c: Pick<DrainConditions, 'intakePerTurn' | 'wasBurst'>, policy: DrainBudgetPolicy = DEFAULT_DRAIN_BUDGET): boolean {
  return c.intakePerTurn >= (c.wasBurst ? policy.queuedStill : policy.queuedAbove);
}

/** The drain's share of the loop's time, in (0, 1]: 1 unless a burst of intake contends for a busy loop. */
export function drainShare(c: DrainConditions, policy: DrainBudgetPolicy = DEFAULT_DRAIN_BUDGET): number {
  if (!isBurst(c, policy) || !c.backlog || c.loopBusy < policy.busyAbove) return 1;
  const span = policy.pressureFull - policy.pressureFrom;
  const ramp = Math.min(1, Math.max(0, (c.deadlinePressure - policy.pressureFrom) / span));
  return policy.minShare + (1 - policy.minShare) * ramp;
}

/** How long to rest after a step of `stepMs` so the drain keeps to `share` of the time (0: go on at once). */
export function restAfterStep(stepMs: number, share: number, policy: DrainBudgetPolicy = DEFAULT_DRAIN_BUDGET): number {
  if (share >= 1) return 0;
  return Math.min(policy.maxRestMs, (stepMs * (1 - share)) / share);
}

/** How many items the next step may take: small batches while intake contends, else `max`. */
export function drainBatch(share: number, max: number, policy: DrainBudgetPolicy = DEFAULT_DRAIN_BUDGET): number {
  return share >= 1 ? max : Math.min(max, policy.contendedBatch);
}

/** Pressure of one waiting item: the share of its time to the deadline already spent. */
export function deadlinePressure(receivedAt: number, deadlineAt: number, now: number): number {
  return deadlineAt > receivedAt ? Math.max(0, (now - receivedAt) / (deadlineAt - receivedAt)) : 1;
}

/** The oldest item a drain knows to be waiting: its receipt and its acknowledgement deadline. */
export interface Waiting {
  receivedAt: number;
  deadlineAt: number;
}

/**
 * The measuring side, one per service: intake notes each accepted delivery; each drain says what it
 * knows to be waiting and asks how big its next step may be and how long to rest after one.
 */
export interface DrainPacer {
  /** A delivery was accepted (called on the intake path: cheap). */
  noteIntake(): void;
  /**
   * What the inbox's last claim took (oldest first) out of `limit`: whether the drain is behind, and
   * the oldest mention still waiting, whose deadline pressure holds for every drain.
   */
  noteClaimed(claimed: readonly Waiting[], limit: number): void;
  /** Share of the loop the drains may use now. */
  share(): number;
  batch(max: number): number;
  /** ms to rest after a step that took `stepMs`. */
  restAfter(stepMs: number): number;
}

export interface DrainPacerOptions {
  policy?: DrainBudgetPolicy;
  /** Intake counts as active for this long after a delivery. */
  intakeQuietMs?: number;
  /** Utilisation is measured over windows of about this length. */
  windowMs?: number;
  now?: () => number;
}

export function createDrainPacer(opts: DrainPacerOptions = {}): DrainPacer {
  const policy = opts.policy ?? DEFAULT_DRAIN_BUDGET;
  const now = opts.now ?? Date.now;
  const quietMs = opts.intakeQuietMs ?? 250;
  const windowMs = opts.windowMs ?? 100;
  let lastIntake = -Infinity;
  // Deliveries accepted in this turn of the loop, and a moving average of that per turn.
  let inTurn = 0;
  let perTurn = 0;
  const endTurn = () => {
    perTurn = 0.8 * perTurn + 0.2 * inTurn;
    inTurn = 0;
  };
  let mark: EventLoopUtilization = performance.eventLoopUtilization();
  let markAt = performance.now();
  let busy = 0;
  let oldest: Waiting | undefined;
  let behind = false;
  let wasBurst = false;

  const loopBusy = () => {
    const t = performance.now();
    if (t - markAt >= windowMs) {
      const next = performance.eventLoopUtilization();
      busy = performance.eventLoopUtilization(next, mark).utilization;
      mark = next;
      markAt = t;
    }
    return busy;
  };

  // A long step holds intake back itself: deliveries seen just before it still count as arriving.
  const share = (stepMs = 0) => {
    const t = now();
    const c: DrainConditions = {
      intakePerTurn: t - lastIntake < quietMs + stepMs ? perTurn : 0,
      wasBurst,
      backlog: behind,
      loopBusy: loopBusy(),
      deadlinePressure: oldest ? deadlinePressure(oldest.receivedAt, oldest.deadlineAt, t) : 0,
    };
    wasBurst = isBurst(c, policy);
    return drainShare(c, policy);
  };

  return {
    noteIntake() {
      lastIntake = now();
      if (inTurn++ === 0) setImmediate(endTurn);
    },
    noteClaimed(claimed, limit) {
      behind = claimed.length >= Math.min(limit, policy.contendedBatch);
      // After a full batch the next mention waiting is at most as old as its last one.
      oldest = claimed.length === limit ? claimed.at(-1) : undefined;
    },
    share: () => share(),
    batch: (max) => drainBatch(share(), max, policy),
    restAfter: (stepMs) => restAfterStep(stepMs, share(stepMs), policy),
  };
}
