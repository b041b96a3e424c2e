import type { Channel, ChannelQuota, DailyQuota } from '../channels/channel.js';
import type { OutgoingReply, ReplyKind } from '../../store/mention.js';
import type { QuotaStore } from '../../store/quota-store.js';
import { DAY_MS, localParts, localToInstant } from '../../config/time-zone.js';

/** What is left of one channel's allowance, as /readyz and the metrics show it. */
export interface QuotaLeft {
  units: number;
  perReply: number;
  spent: number;
  left: number;
  /** Units only acknowledgements may spend. */
  reserve: number;
  /** When units come back: the next reset, or (rolling) when the oldest spend leaves the window. */
  resetsAt: string;
}

export type QuotaAnswer = { granted: true } | { granted: false; retryAt: number };

export interface QuotaGovernor {
  /**
   * Spends the units of each reply of the batch that may go now, acknowledgements first; resolves
   * with the others (reply id to when their units come back). Channels without a quota pass untouched.
   */
  admit(batch: readonly OutgoingReply[], now: number): Promise<Map<number, number>>;
  /** The allowance as a channel spends it for its own calls. */
  forChannel(channel: string): ChannelQuota | undefined;
  /** What is left of every channel's allowance. */
  left(now: number): Promise<Record<string, QuotaLeft>>;
}

export interface QuotaGovernorOptions {
  store: QuotaStore;
  channels: Iterable<Channel>;
  /** Share of each allowance saved for acknowledgements (default a tenth), at least one reply's worth. */
  ackReserveShare?: number;
  now?: () => number;
}

/** The acknowledgement given at a mention's deadline: it says a person will answer, and must not wait a day. */
const ACK: ReplyKind = 'acknowledgement';

/**
 * The shared per-day quota governor. Each reply on a channel with a `dailyQuota` spends its units in
 * the store (one atomic step, so neither a restart nor several instances overspend) before it is
 * sent; a reply that would go past the allowance is not sent and waits in the outbox until the
 * units come back. Acknowledgements get the budget first: a reserve of the allowance is theirs
 * alone (answers, a person's replies and the channel's polls stop short of it), and within a batch
 * they are admitted before the other replies.
 */
export function createQuotaGovernor(opts: QuotaGovernorOptions): QuotaGovernor {
  const quotas = new Map<string, DailyQuota>();
  for (const c of opts.channels) if (c.dailyQuota) quotas.set(c.name, c.dailyQuota);
  const share = opts.ackReserveShare ?? 0.1;
  const clock = opts.now ?? Date.now;

  const reserveOf = (q: DailyQuota) => Math.min(q.units, Math.max(q.perReply, Math.ceil((q.units * share) / q.perReply) * q.perReply));
  const limitFor = (q: DailyQuota, use: 'poll' | ReplyKind) => (use === ACK ? q.units : q.units - reserveOf(q));

  /** The window the allowance is counted over at `now`, and its reset when it has a fixed one. */
  function windowOf(q: DailyQuota, now: number): { from: number; resetsAt?: number } {
    // A spend made exactly a day ago has left the window: that is when its units come back.
    if (q.resets === 'rolling') return { from: now - DAY_MS + 1 };
    const day = localParts(q.resets.midnightIn, now).day;
    return { from: localToInstant(q.resets.midnightIn, day, 0), resetsAt: localToInstant(q.resets.midnightIn, day + 1, 0) };
  }

  /** When enough units come back for `units` more: the reset, or in a rolling window when enough old spends leave it. */
  async function comesBack(channel: string, q: DailyQuota, units: number, limit: number, spent: number, now: number) {
    const w = windowOf(q, now);
    if (w.resetsAt !== undefined) return w.resetsAt;
    let freed = 0;
    for (const e of await opts.store.entries(channel, w.from, 100_000)) {
      freed += e.units;
      if (spent - freed + units <= limit) return e.at + DAY_MS;
    }
    return now + DAY_MS;
  }

  async function spend(channel: string, units: number, use: 'poll' | ReplyKind, now: number): Promise<QuotaAnswer> {
    const q = quotas.get(channel);
    if (!q) return { granted: true };
    const limit = limitFor(q, use);
    const { from } = windowOf(q, now);
    const r = await opts.store.spend({ channel, units, at: now, from, limit });
    if (r.granted) return { granted: true };
    return { granted: false, retryAt: await comesBack(channel, q, units, limit, r.spent, now) };
  }

  return {
    async admit(batch, now) {
      const refused = new Map<number, number>();
      const ordered = [...batch].filter((r) => quotas.has(r.channel)).sort((a, b) => Number(b.kind === ACK) - Number(a.kind === ACK));
      for (const reply of ordered) {
        const answer = await spend(reply.channel, quotas.get(reply.channel)!.perReply, reply.kind, now);
        if (!answer.granted) refused.set(reply.id, answer.retryAt);
      }
      return refused;
    },
    forChannel(channel) {
      if (!quotas.has(channel)) return undefined;
      return { spend: (units, use) => spend(channel, units, use, clock()) };
    },
    async left(now) {
      const out: Record<string, QuotaLeft> = {};
      for (const [channel, q] of quotas) {
        const w = windowOf(q, now);
        const spent = await opts.store.spent(channel, w.from);
        const oldest = w.resetsAt === undefined ? (await opts.store.entries(channel, w.from, 1))[0]?.at : undefined;
        const resetsAt = w.resetsAt ?? (oldest === undefined ? now : oldest + DAY_MS);
        out[channel] = {
          units: q.units,
          perReply: q.perReply,
          spent,
          left: Math.max(0, q.units - spent),
          reserve: reserveOf(q),
          resetsAt: new Date(resetsAt).toISOString(),
        };
      }
      return out;
    },
  };
}
