/**
 * A circuit breaker per channel, in this instance's memory. After `openAfterFailures` sends in a row
 * failed on the network or with a 5xx, the channel is open: its replies are held back (not sent) and
 * one of them goes out as a probe when the store gives a probe turn (Store.takeProbeTurn: one per
 * interval for all instances sharing it, the interval doubling from a first to a largest). Any answer
 * from the platform (sent, refused, rate limited) closes it.
 *
 * Why consecutive failures: a single blip (one 502, one reset connection) does not open it, while a
 * platform that is really down opens it within a few sends; a success in between starts the count again.
 */
export interface BreakerOptions {
  openAfterFailures: number;
  /** How soon after opening, or after a probe turn was refused without a time, a probe is prepared again. */
  firstProbeMs: number;
}

interface ChannelState {
  failures: number;
  lastError: string;
  openedAt?: number;
  /** When to make a reply due for the next probe turn. */
  nextNudgeAt: number;
  /** A reply is going out as the probe: no other until it is settled. */
  probing: boolean;
}

export interface ChannelBreakers {
  isOpen(channel: string): boolean;
  /** The last network or 5xx error seen on the channel (for a held-back reply's record). */
  lastError(channel: string): string;
  /** A real send failed on the network or with a 5xx. True when this opened the breaker. */
  failed(channel: string, error: string, now: number): boolean;
  /** The platform answered. The time the breaker had been open since, when this closed it. */
  answered(channel: string): number | undefined;
  /**
   * Open channels whose next probe turn has come and no probe under way: the caller makes one of
   * their replies due so that a claim finds one. Each is given again `firstProbeMs` later at the earliest.
   */
  nudgesDue(now: number): string[];
  /** The store's answer on a probe turn: the next one comes at `nextAt`. */
  nextTurnAt(channel: string, nextAt: number): void;
  /** Whether a probe of the channel is under way here. */
  isProbing(channel: string): boolean;
  /** A reply of the open channel goes out as its probe. */
  startProbe(channel: string): void;
}

export function createChannelBreakers(opts: BreakerOptions): ChannelBreakers {
  const channels = new Map<string, ChannelState>();
  const stateOf = (channel: string): ChannelState => {
    let s = channels.get(channel);
    if (!s) channels.set(channel, (s = { failures: 0, lastError: '', nextNudgeAt: 0, probing: false }));
    return s;
  };
  return {
    isOpen: (channel) => channels.get(channel)?.openedAt !== undefined,
    lastError: (channel) => channels.get(channel)?.lastError ?? '',
    failed(channel, error, now) {
      const s = stateOf(channel);
      s.lastError = error;
      if (s.openedAt !== undefined) {
        s.probing = false;
        return false;
      }
      s.failures += 1;
      if (s.failures < opts.openAfterFailures) return false;
      s.openedAt = now;
      s.probing = false;
      s.nextNudgeAt = now + opts.firstProbeMs;
      return true;
    },
    answered(channel) {
      const s = channels.get(channel);
      if (!s) return undefined;
      const openedAt = s.openedAt;
      channels.delete(channel);
      return openedAt;
    },
    nudgesDue(now) {
      const due: string[] = [];
      for (const [name, s] of channels) {
        if (s.openedAt === undefined || s.probing || now < s.nextNudgeAt) continue;
        s.nextNudgeAt = now + opts.firstProbeMs;
        due.push(name);
      }
      return due;
    },
    nextTurnAt(channel, nextAt) {
      const s = channels.get(channel);
      if (s?.openedAt !== undefined) s.nextNudgeAt = nextAt;
    },
    isProbing: (channel) => channels.get(channel)?.probing === true,
    startProbe(channel) {
      const s = channels.get(channel);
      if (s?.openedAt !== undefined) s.probing = true;
    },
  };
}
