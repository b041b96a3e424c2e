import type { BusinessHours } from '../hours/business-hours.js';
import { slaState } from '../hours/sla-clock.js';
import type { TeamNotifier } from './team-webhook.js';

/**
 * Warns the team once when a handed-off thread nears its human-response target and once when it
 * misses it. Who was told what is stored by the caller (alreadyNotified / markNotified), so several
 * instances and restarts agree; markNotified may return false when another instance claimed the
 * notice first (an atomic insert), and then this one stays quiet. Notices are claimed before they are
 * sent: a crash in between loses one notice rather than sending it twice.
 */

export type SlaNotice = 'warning' | 'breach';

export interface OpenHandoff {
  threadKey: string;
  channel: string;
  author: string;
  text: string;
  handoffAt: number;
  firstHumanReplyAt: number | null;
  state: string;
}

export interface SlaWatchOptions {
  /** Where `check` finds the open handoffs when its caller has not listed them already. */
  listOpenHandoffs?: () => Promise<OpenHandoff[]>;
  hours: BusinessHours;
  targetMinutes: number;
  warningFraction?: number;
  notifier: TeamNotifier;
  /** A cheap look before claiming; unneeded when markNotified is itself an atomic claim. */
  alreadyNotified?: (threadKey: string, notice: SlaNotice) => boolean | Promise<boolean>;
  markNotified: (threadKey: string, notice: SlaNotice, handoff: OpenHandoff) => boolean | void | Promise<boolean | void>;
  /** Called once per newly breached thread (e.g. to count it). */
  onBreach?: (handoff: OpenHandoff) => void;
}

/** Threads still waiting for a person's first reply (the SLA runs in waiting and agent states). */
const WAITING_STATES = new Set(['waiting', 'agent']);

export function createSlaWatch(opts: SlaWatchOptions) {
  const target = { targetMinutes: opts.targetMinutes, warningFraction: opts.warningFraction };
  let running = false;

  async function claim(h: OpenHandoff, notice: SlaNotice): Promise<boolean> {
    if (await opts.alreadyNotified?.(h.threadKey, notice)) return false;
    return (await opts.markNotified(h.threadKey, notice, h)) !== false;
  }

  return {
    /**
     * One pass over the open handoffs (`handoffs`, or listOpenHandoffs); a pass still running makes
     * this one a no-op.
     */
    async check(now: Date | number = Date.now(), handoffs?: readonly OpenHandoff[]): Promise<{ warned: string[]; breached: string[] }> {
      const result = { warned: [] as string[], breached: [] as string[] };
      if (running) return result;
      running = true;
      try {
        for (const h of handoffs ?? (await opts.listOpenHandoffs?.()) ?? []) {
          if (h.firstHumanReplyAt !== null || !WAITING_STATES.has(h.state)) continue;
          const sla = slaState(opts.hours, h.handoffAt, now, target);
          const facts = { channel: h.channel, threadKey: h.threadKey, author: h.author, text: h.text };
          if (sla.state === 'breached') {
            if (!(await claim(h, 'breach'))) continue;
            await opts.notifier.notify({ type: 'sla_breached', ...facts, overdueMs: -sla.remainingMs });
            result.breached.push(h.threadKey);
            opts.onBreach?.(h);
          } else if (sla.state === 'warning') {
            if (!(await claim(h, 'warning'))) continue;
            await opts.notifier.notify({ type: 'sla_warning', ...facts, remainingMs: sla.remainingMs });
            result.warned.push(h.threadKey);
          }
        }
      } finally {
        running = false;
      }
      return result;
    },
  };
}
