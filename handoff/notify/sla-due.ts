import type { HandoffStore, ListedThread } from '../../store/handoff-store.js';
import type { SlaNotice } from '../../store/queue-index.js';
import type { BusinessHours } from '../hours/business-hours.js';
import { slaState } from '../hours/sla-clock.js';
import { threadKey } from '../thread-key.js';

export interface SlaDueOptions {
  store: Pick<HandoffStore, 'slaClocks' | 'listThreadsOf'>;
  hours: BusinessHours;
  targetMinutes: number;
  /** Without it follow-ups are not watched (as in the SLA watch). */
  nextTargetMinutes?: number;
  warningFraction?: number;
  /** Clocks read per notice and round. */
  batch?: number;
  /** Rounds per pass at most: a pass always ends, even if notices are not recorded. */
  maxRounds?: number;
}

/**
 * The threads an SLA notice is due for, read from the store's SLA clocks (earliest start first)
 * instead of every open thread. Business time elapsed only shrinks as the clock's start moves later,
 * so each notice's reading stops at the first clock not yet due: a pass reads what is due and one
 * batch more. The SLA watch then records each notice, which takes the thread off that clock.
 */
export function createSlaDue(opts: SlaDueOptions) {
  const batch = opts.batch ?? 200;
  const maxRounds = opts.maxRounds ?? 20;
  const target = { targetMinutes: opts.targetMinutes, warningFraction: opts.warningFraction };
  const notices: SlaNotice[] = opts.nextTargetMinutes === undefined ? ['warning', 'breach'] : ['warning', 'breach', 'next_breach'];

  const isDue = (notice: SlaNotice, since: number, now: number) => {
    if (notice === 'next_breach') return slaState(opts.hours, since, now, { targetMinutes: opts.nextTargetMinutes! }).state === 'breached';
    const state = slaState(opts.hours, since, now, target).state;
    return notice === 'warning' ? state !== 'ok' : state === 'breached';
  };

  /** One round: the due threads of every notice (each once), and whether a notice had more clocks than were read. */
  const round = async (now: number): Promise<{ due: ListedThread[]; more: boolean }> => {
    const refs = new Map<string, { channel: string; threadId: string }>();
    let more = false;
    for (const notice of notices) {
      const clocks = await opts.store.slaClocks({ notice, limit: batch });
      const due = clocks.findIndex((c) => !isDue(notice, c.since, now));
      if (due === -1 && clocks.length === batch) more = true;
      for (const c of due === -1 ? clocks : clocks.slice(0, due)) refs.set(threadKey(c.channel, c.threadId), c);
    }
    return { due: refs.size > 0 ? await opts.store.listThreadsOf([...refs.values()]) : [], more };
  };

  return {
    /** Hands the due threads to `check` (the SLA watch) a round at a time until none is left or maxRounds. */
    async run(now: number, check: (due: readonly ListedThread[]) => Promise<void>): Promise<void> {
      for (let i = 0; i < maxRounds; i++) {
        const { due, more } = await round(now);
        if (due.length > 0) await check(due);
        if (!more) return;
      }
    },
  };
}
