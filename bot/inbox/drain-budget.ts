import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/**
 * Intake first under a burst. Webhook platforms want their 200 fast (X delivers again after ~3 s) and
 * the inbox exists to absorb bursts, so while deliveries queue (many under way at once) and the drains
 * (turns, sends) are behind, the drains get a share of the loop's time only; as the oldest waiting
 * mention nears its acknowledgement deadline, their share grows until they take all they need.
 */
export interface DrainBudgetPolicy {
  /** Each drain's share of time during a burst while no deadline presses (turns and sends: two drains). */
  minShare: number;
  /**
   * A burst starts on a busy loop only (performance.eventLoopUtilization above this): deliveries
   * under way on an idle loop wait on the store's round trip, not on the drains.
   */
  busyAbove: number;
  /**
   * Deliveries queue at the door when at least this many are under way in intake at once (received,
   * their accept not yet answered), on average over the last window: a burst. That is the arrival
   * rate times the time each takes (Little's law): a steady load keeps it well under one, a burst
   * keeps its senders' connections busy, whether the store answers within the turn of the loop
   * (SQLite) or after a round trip (Redis), on one instance or several. Utilisation alone cannot
   * tell: on a shared machine another process's load makes a lightly loaded loop look busy.
   */
  waitingAbove: number;
  /**
   * Once a burst is seen, it lasts while at least this many are under way, however busy the loop
   * looks: an instance that waits on Redis, or on a machine shared with it, dips under `busyAbove`
   * in the middle of a burst, and its drains would run flat out in every such dip.
   */
  waitingStill: number;
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
  waitingAbove: 4,
  waitingStill: 2,
  pressureFrom: 0.25,
  pressureFull: 0.5,
  maxRestMs: 250,
  contendedBatch: 8,
};

/** What the drain knows when it decides. */
export interface DrainConditions {
  /** Deliveries under way in intake at once, on average over the recent window (0 when none arrives). */
  intakeWaiting: number;
  /** The last decision saw a burst (see `waitingStill`). */
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
export function isBurst(
  c: Pick<DrainConditions, 'intakeWaiting' | 'wasBurst' | 'loopBusy'>,
  policy: DrainBudgetPolicy = DEFAULT_DRAIN_BUDGET,
): boolean {
  if (c.wasBurst) return c.intakeWaiting >= policy.waitingStill;
  return c.intakeWaiting >= policy.waitingAbove && c.loopBusy >= policy.busyAbove;
}

/** The drain's share of the loop's time, in (0, 1]: 1 unless a burst of intake contends with a drain that is behind. */
export function drainShare(c: DrainConditions, policy: DrainBudgetPolicy = DEFAULT_DRAIN_BUDGET): number {
  if (!isBurst(c, policy) || !c.backlog) return 1;
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
 * The measuring side, one per service: intake hands it each accept under way; each drain says what
 * it knows to be waiting and asks how big its next step may be and how long to rest after one.
 */
export interface DrainPacer {
  /** Counts a delivery as under way until its accept settles; returns `accepting` (on the intake path: cheap). */
  intake<T>(accepting: Promise<T>): Promise<T>;
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
  /** Utilisation and deliveries under way are measured over windows of about this length. */
  windowMs?: number;
  /** Wall clock of the deadlines (mentions' receipt and deadline). */
  now?: () => number;
  /** Monotonic ms for the windows (tests drive it). */
  clock?: () => number;
}

export function createDrainPacer(opts: DrainPacerOptions = {}): DrainPacer {
  const policy = opts.policy ?? DEFAULT_DRAIN_BUDGET;
  const now = opts.now ?? Date.now;
  const clock = opts.clock ?? (() => performance.now());
  const windowMs = opts.windowMs ?? 100;
  // Deliveries under way now, and their time under way summed since the window began.
  let underWay = 0;
  let underWayMs = 0;
  let changedAt = clock();
  const account = () => {
    const t = clock();
    underWayMs += underWay * (t - changedAt);
    changedAt = t;
  };
  let mark: EventLoopUtilization = performance.eventLoopUtilization();
  let markAt = changedAt;
  let busy = 0;
  let waiting = 0;
  let oldest: Waiting | undefined;
  let behind = false;
  let wasBurst = false;

  // The last window's loop utilisation and mean deliveries under way, a new window at most every windowMs.
  const sample = () => {
    const t = clock();
    if (t - markAt < windowMs) return;
    account();
    waiting = underWayMs / (t - markAt);
    underWayMs = 0;
    const next = performance.eventLoopUtilization();
    busy = performance.eventLoopUtilization(next, mark).utilization;
    mark = next;
    markAt = t;
  };

  const share = () => {
    sample();
    const c: DrainConditions = {
      intakeWaiting: waiting,
      wasBurst,
      backlog: behind,
      loopBusy: busy,
      deadlinePressure: oldest ? deadlinePressure(oldest.receivedAt, oldest.deadlineAt, now()) : 0,
    };
    wasBurst = isBurst(c, policy);
    return drainShare(c, policy);
  };

  return {
    async intake(accepting) {
      account();
      underWay++;
      try {
        return await accepting;
      } finally {
        account();
        underWay--;
      }
    },
    noteClaimed(claimed, limit) {
      behind = claimed.length >= Math.min(limit, policy.contendedBatch);
      // After a full batch the next mention waiting is at most as old as its last one.
      oldest = claimed.length === limit ? claimed.at(-1) : undefined;
    },
    share,
    batch: (max) => drainBatch(share(), max, policy),
    restAfter: (stepMs) => restAfterStep(stepMs, share(), policy),
  };
}
