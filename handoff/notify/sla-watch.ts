import { threadKey } from '../thread-key.js';
import type { ListedThread } from '../../store/handoff-store.js';
import type { BusinessHours } from '../hours/business-hours.js';
import { slaState } from '../hours/sla-clock.js';
import type { TeamNotifier } from './team-webhook.js';

/**
 * Warns the team once when a handed-off thread nears its human-response target and once when it
 * misses it; and once when a customer's follow-up (customer replied) passes the next-reply target
 * unanswered: the clock the console shows on the thread, one notice per follow-up. Who was told what is stored by the caller (alreadyNotified / markNotified), so several
 * instances and restarts agree; markNotified may return false when another instance claimed the
 * notice first (an atomic insert), and then this one stays quiet. Notices are claimed before they are
 * sent: a crash in between loses one notice rather than sending it twice.
 */

export type SlaNotice = 'warning' | 'breach' | 'next_breach';

export interface OpenHandoff {
  threadKey: string;
  channel: string;
  author: string;
  text: string;
  /** Null for a thread a person took from the bot: no first-response clock, only the next-reply one. */
  handoffAt: number | null;
  firstHumanReplyAt: number | null;
  /** The customer's first unanswered follow-up (cleared by a person's reply): the next-reply clock's start. */
  customerRepliedAt?: number | null;
  state: string;
}

export interface SlaWatchOptions {
  /** Where `check` finds the open handoffs when its caller has not listed them already. */
  listOpenHandoffs?: () => Promise<OpenHandoff[]>;
  hours: BusinessHours;
  targetMinutes: number;
  /** The next-reply target (business minutes); without it follow-ups are not watched. */
  nextTargetMinutes?: number;
  warningFraction?: number;
  notifier: TeamNotifier;
  /** A cheap look before claiming; unneeded when markNotified is itself an atomic claim. */
  alreadyNotified?: (threadKey: string, notice: SlaNotice) => boolean | Promise<boolean>;
  /** `since`: the start of the clock the notice is about (once per handoff, once per follow-up). */
  markNotified: (threadKey: string, notice: SlaNotice, handoff: OpenHandoff, since: number) => boolean | void | Promise<boolean | void>;
  /** Called once per newly breached thread (e.g. to count it). */
  onBreach?: (handoff: OpenHandoff) => void;
  /** Called once per follow-up left past the next-reply target. */
  onNextBreach?: (handoff: OpenHandoff) => void;
}

/** What one pass sent, by thread key. */
export interface SlaCheck {
  warned: string[];
  breached: string[];
  /** Follow-ups past the next-reply target. */
  nextBreached: string[];
}

/** Threads still waiting for a person's first reply (the SLA runs in waiting and agent states). */
const WAITING_STATES = new Set(['waiting', 'agent']);

export function createSlaWatch(opts: SlaWatchOptions) {
  const target = { targetMinutes: opts.targetMinutes, warningFraction: opts.warningFraction };
  let running = false;

  const nextTarget = opts.nextTargetMinutes === undefined ? undefined : { targetMinutes: opts.nextTargetMinutes };

  async function claim(h: OpenHandoff, notice: SlaNotice, since: number): Promise<boolean> {
    if (await opts.alreadyNotified?.(h.threadKey, notice)) return false;
    return (await opts.markNotified(h.threadKey, notice, h, since)) !== false;
  }

  return {
    /**
     * One pass over the open handoffs (`handoffs`, or listOpenHandoffs); a pass still running makes
     * this one a no-op.
     */
    async check(now: Date | number = Date.now(), handoffs?: readonly OpenHandoff[]): Promise<SlaCheck> {
      const result: SlaCheck = { warned: [], breached: [], nextBreached: [] };
      if (running) return result;
      running = true;
      try {
        for (const h of handoffs ?? (await opts.listOpenHandoffs?.()) ?? []) {
          if (!WAITING_STATES.has(h.state)) continue;
          const facts = { channel: h.channel, threadKey: h.threadKey, author: h.author, text: h.text };
          // A follow-up waiting for an answer: the next-reply clock, as on the thread in the console.
          if (h.customerRepliedAt) {
            if (!nextTarget) continue;
            const next = slaState(opts.hours, h.customerRepliedAt, now, nextTarget);
            if (next.state !== 'breached' || !(await claim(h, 'next_breach', h.customerRepliedAt))) continue;
            await opts.notifier.notify({ type: 'next_reply_breached', ...facts, overdueMs: -next.remainingMs });
            result.nextBreached.push(h.threadKey);
            opts.onNextBreach?.(h);
            continue;
          }
          if (h.firstHumanReplyAt !== null || h.handoffAt === null) continue;
          const sla = slaState(opts.hours, h.handoffAt, now, target);
          if (sla.state === 'breached') {
            if (!(await claim(h, 'breach', h.handoffAt))) continue;
            await opts.notifier.notify({ type: 'sla_breached', ...facts, overdueMs: -sla.remainingMs });
            result.breached.push(h.threadKey);
            opts.onBreach?.(h);
          } else if (sla.state === 'warning') {
            if (!(await claim(h, 'warning', h.handoffAt))) continue;
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

/** The open threads an SLA clock runs on (handed off, or the customer wrote again), as the watch reads them. */
export function watchedThreads(open: readonly ListedThread[]): OpenHandoff[] {
  return open.flatMap(({ thread, latest }) =>
    thread.handoffAt || thread.customerRepliedAt
      ? [
          {
            threadKey: threadKey(thread.channel, thread.threadId),
            channel: thread.channel,
            author: latest?.author ?? '',
            text: latest?.text ?? '',
            handoffAt: thread.handoffAt,
            firstHumanReplyAt: thread.firstHumanReplyAt,
            customerRepliedAt: thread.customerRepliedAt,
            state: thread.state,
          },
        ]
      : [],
  );
}
