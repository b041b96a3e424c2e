/** One spend of a channel's daily allowance, as the quota governor asks for it. */
export interface QuotaSpend {
  channel: string;
  units: number;
  /** When (ms epoch): the spend counts in every window that holds this instant. */
  at: number;
  /** Start of the window the allowance is counted over (a local midnight, or 24 hours back). */
  from: number;
  /** Units the window may hold at most, these included. */
  limit: number;
}

/** One recorded spend. */
export interface QuotaEntry {
  at: number;
  units: number;
}

/** Spends are kept this long, then dropped: longer than any window. */
export const QUOTA_KEEP_MS = 2 * 86_400_000;

/**
 * Units spent of each channel's daily allowance (bot/outbox/quota-governor.ts), kept in the store so
 * that a restart, or several instances on one Redis, never spend more than the platform grants.
 */
export interface QuotaStore {
  /**
   * Records the spend only when the units already spent since `from` plus these stay within `limit`,
   * in one atomic step of the store. `spent`: the units spent since `from` afterwards.
   */
  spend(req: QuotaSpend): Promise<{ granted: boolean; spent: number }>;
  /** Units spent on the channel since `from`. */
  spent(channel: string, from: number): Promise<number>;
  /** The spends on the channel since `from`, oldest first (at most `max`): when a rolling window frees units. */
  entries(channel: string, from: number, max: number): Promise<QuotaEntry[]>;
}
