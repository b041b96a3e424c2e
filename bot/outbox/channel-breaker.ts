/**
 * A circuit breaker per channel, in this instance's memory. After `openAfterFailures` sends in a row
 * failed on the network or with a 5xx, the channel is open: its replies are held back (not sent) and
 * one reply per probe interval goes out as a probe. The interval starts at `firstProbeMs` and doubles
 * after each failed probe up to `maxProbeMs`. Any answer from the platform (sent, refused, rate
 * limited) closes it.
 *
 * Why consecutive failures: a single blip (one 502, one reset connection) does not open it, while a
 * platform that is really down opens it within a few sends; a success in between starts the count again.
 */
export interface BreakerOptions {
  openAfterFailures: number;
  firstProbeMs: number;
  maxProbeMs: number;
}

interface ChannelState {
  failures: number;
  lastError: string;
  openedAt?: number;
  probeDelayMs: number;
  nextProbeAt: number;
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
  /** Open channels whose probe is due at `now` and not under way. */
  probesDue(now: number): string[];
  /** An open channel whose probe is due: the caller sends one reply now as the probe. */
  takeProbe(channel: string, now: number): boolean;
  /** The probe found no reply to send: the next is due one interval later (the interval does not grow). */
  nothingToProbe(channel: string, now: number): void;
  /** The current probe interval of an open channel. */
  probeDelayMs(channel: string): number;
}

export function createChannelBreakers(opts: BreakerOptions): ChannelBreakers {
  const channels = new Map<string, ChannelState>();
  const stateOf = (channel: string): ChannelState => {
    let s = channels.get(channel);
    if (!s) channels.set(channel, (s = { failures: 0, lastError: '', probeDelayMs: opts.firstProbeMs, nextProbeAt: 0, probing: false }));
    return s;
  };
  return {
    isOpen: (channel) => channels.get(channel)?.openedAt !== undefined,
    lastError: (channel) => channels.get(channel)?.lastError ?? '',
    failed(channel, error, now) {
      const s = stateOf(channel);
      s.lastError = error;
      if (s.openedAt !== undefined) {
        if (s.probing) {
          s.probing = false;
          s.probeDelayMs = Math.min(opts.maxProbeMs, s.probeDelayMs * 2);
        }
        s.nextProbeAt = Math.max(s.nextProbeAt, now + s.probeDelayMs);
        return false;
      }
      s.failures += 1;
      if (s.failures < opts.openAfterFailures) return false;
      s.openedAt = now;
      s.probing = false;
      s.probeDelayMs = opts.firstProbeMs;
      s.nextProbeAt = now + s.probeDelayMs;
      return true;
    },
    answered(channel) {
      const s = channels.get(channel);
      if (!s) return undefined;
      const openedAt = s.openedAt;
      channels.delete(channel);
      return openedAt;
    },
    probesDue(now) {
      return [...channels].filter(([, s]) => s.openedAt !== undefined && !s.probing && now >= s.nextProbeAt).map(([name]) => name);
    },
    takeProbe(channel, now) {
      const s = channels.get(channel);
      if (!s || s.openedAt === undefined || s.probing || now < s.nextProbeAt) return false;
      s.probing = true;
      return true;
    },
    nothingToProbe(channel, now) {
      const s = channels.get(channel);
      if (s?.openedAt !== undefined) s.nextProbeAt = now + s.probeDelayMs;
    },
    probeDelayMs: (channel) => channels.get(channel)?.probeDelayMs ?? opts.firstProbeMs,
  };
}
