import { addBusinessMs, businessMsBetween, type BusinessHours } from './business-hours.js';

/**
 * The human SLA clock of a handed-off thread: open time since the handoff against the target for a
 * person's first reply. It only runs during business hours, so a handoff on Friday night is not
 * "breached" on Saturday morning. Stop it by passing the first human reply's time as `now`.
 */

export interface SlaTarget {
  /** Business minutes within which a person should first reply. */
  targetMinutes: number;
  /** Share of the target after which the thread is `warning` (default 0.8). */
  warningFraction?: number;
}

export type SlaLevel = 'ok' | 'warning' | 'breached';

export interface SlaState {
  elapsedMs: number;
  targetMs: number;
  /** Business time left; negative once breached (how late). */
  remainingMs: number;
  state: SlaLevel;
  /** Epoch ms at which the target is (or was) reached, following the hours. */
  breachAt: number;
}

export const DEFAULT_WARNING_FRACTION = 0.8;

export function slaState(hours: BusinessHours, handoffAt: Date | number, now: Date | number, target: SlaTarget): SlaState {
  const targetMs = target.targetMinutes * 60_000;
  const fraction = target.warningFraction ?? DEFAULT_WARNING_FRACTION;
  const elapsedMs = businessMsBetween(hours, handoffAt, now);
  const state: SlaLevel = elapsedMs >= targetMs ? 'breached' : elapsedMs >= targetMs * fraction ? 'warning' : 'ok';
  return { elapsedMs, targetMs, remainingMs: targetMs - elapsedMs, state, breachAt: +addBusinessMs(hours, handoffAt, targetMs) };
}
