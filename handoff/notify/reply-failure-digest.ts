import type { TeamEvent } from './team-events.js';

type ReplyFailed = Extract<TeamEvent, { type: 'reply_failed' }>;

/** Threads named in a grouped notice; the others are counted. */
export const DIGEST_THREADS = 5;

export interface ReplyFailureDigestOptions {
  notify: (event: TeamEvent) => Promise<void>;
  /** Failures on one channel within this long of its last notice are told together (TEAM_WEBHOOK_GROUP_SECONDS). */
  windowMs: number;
}

export interface ReplyFailureDigest {
  add(event: ReplyFailed): void;
  /** Tells what is still held at once (at shutdown), and stops the timers. */
  flush(): Promise<void>;
}

/** The failures held for one channel, as one event: the single one as it is, several as a summary. */
export function groupedEvent(events: ReplyFailed[]): TeamEvent {
  if (events.length === 1) return events[0]!;
  // The reason most of them share (they mostly do: one outage), the first one on a tie.
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.reason, (counts.get(e.reason) ?? 0) + 1);
  const reason = [...counts].reduce((best, c) => (c[1] > best[1] ? c : best))[0];
  return {
    type: 'replies_failed',
    channel: events[0]!.channel,
    count: events.length,
    handedOff: events.filter((e) => e.handedOff).length,
    reason,
    otherReasons: counts.size - 1,
    threads: events.slice(0, DIGEST_THREADS).map((e) => ({ threadKey: e.threadKey, author: e.author })),
  };
}

/**
 * Team notices for replies given up, grouped per channel so that an outage that gives up hundreds
 * of replies at once does not flood the team's channel: the first failure on a channel is told at
 * once and opens a window; failures during it are held and told in one notice when it ends, which
 * opens the next window. A window with nothing held closes, so every failure episode is told, the
 * first failure without delay.
 */
export function createReplyFailureDigest(opts: ReplyFailureDigestOptions): ReplyFailureDigest {
  const windows = new Map<string, { held: ReplyFailed[]; timer: NodeJS.Timeout }>();

  const open = (channel: string) => {
    const timer = setTimeout(() => close(channel), opts.windowMs);
    timer.unref();
    windows.set(channel, { held: [], timer });
  };

  function close(channel: string): void {
    const w = windows.get(channel);
    windows.delete(channel);
    if (!w || w.held.length === 0) return;
    void opts.notify(groupedEvent(w.held));
    open(channel);
  }

  return {
    add(event) {
      const w = windows.get(event.channel);
      if (w) {
        w.held.push(event);
        return;
      }
      void opts.notify(event);
      open(event.channel);
    },
    async flush() {
      const held = [...windows.values()];
      windows.clear();
      for (const w of held) clearTimeout(w.timer);
      await Promise.all(held.filter((w) => w.held.length > 0).map((w) => opts.notify(groupedEvent(w.held))));
    },
  };
}
