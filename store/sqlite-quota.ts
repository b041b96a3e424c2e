import type { SqliteDatabase } from './open-database.js';
import { QUOTA_KEEP_MS, type QuotaEntry, type QuotaStore } from './quota-store.js';

/** The quota's spends on SQLite: one row each, summed over the window in the same immediate transaction that adds one. */
export function createSqliteQuotaStore(db: SqliteDatabase): QuotaStore {
  const sum = db.prepare('SELECT COALESCE(SUM(units), 0) AS spent FROM quota_spends WHERE channel = ? AND at >= ?');
  const insert = db.prepare('INSERT INTO quota_spends (channel, at, units) VALUES (?, ?, ?)');
  const prune = db.prepare('DELETE FROM quota_spends WHERE channel = ? AND at < ?');
  const list = db.prepare('SELECT at, units FROM quota_spends WHERE channel = ? AND at >= ? ORDER BY at, id LIMIT ?');
  const spendTx = db.transaction((channel: string, units: number, at: number, from: number, limit: number) => {
    prune.run(channel, at - QUOTA_KEEP_MS);
    const spent = (sum.get(channel, from) as { spent: number }).spent;
    if (spent + units > limit) return { granted: false, spent };
    insert.run(channel, at, units);
    return { granted: true, spent: spent + units };
  });
  return {
    // Immediate: the write lock is taken before the sum, so two processes on one file cannot both pass it.
    spend: async (r) => spendTx.immediate(r.channel, r.units, r.at, r.from, r.limit),
    spent: async (channel, from) => (sum.get(channel, from) as { spent: number }).spent,
    entries: async (channel, from, max) => list.all(channel, from, max) as QuotaEntry[],
  };
}
