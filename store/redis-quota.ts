import type { scriptRunner } from './redis-script-runner.js';
import { QUOTA_KEEP_MS, type QuotaEntry, type QuotaStore } from './quota-store.js';

/**
 * ARGV: prefix, channel, units, at, from, limit, keep (ms). A sorted set per channel, each spend a
 * member "<seq>:<units>" scored by its time: spends older than `keep` dropped, those since `from`
 * summed, and the new one added only within `limit`. Returns {1 granted or 0, spent since from}.
 */
const SPEND = `
local key = ARGV[1] .. 'quota:' .. ARGV[2]
local units, at, from, limit, keep = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. (at - keep))
local spent = 0
for _, m in ipairs(redis.call('ZRANGEBYSCORE', key, from, '+inf')) do
  spent = spent + tonumber(string.match(m, ':(%d+)$'))
end
if spent + units > limit then return { 0, spent } end
local seq = redis.call('INCR', ARGV[1] .. 'seq:quota')
redis.call('ZADD', key, at, seq .. ':' .. units)
redis.call('PEXPIRE', key, keep)
return { 1, spent + units }
`;

/** ARGV: prefix, channel, from, max. The spends since `from`, oldest first: {at, units} pairs flattened. */
const ENTRIES = `
local key = ARGV[1] .. 'quota:' .. ARGV[2]
local out = {}
local rows = redis.call('ZRANGEBYSCORE', key, ARGV[3], '+inf', 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[4]))
for i = 1, #rows, 2 do
  out[#out + 1] = rows[i + 1]
  out[#out + 1] = string.match(rows[i], ':(%d+)$')
end
return out
`;

/** The quota's spends on Redis, one script per spend so that instances sharing the server never overspend together. */
export function createRedisQuotaStore(run: ReturnType<typeof scriptRunner>, prefix: string): QuotaStore {
  const entries = async (channel: string, from: number, max: number): Promise<QuotaEntry[]> => {
    const flat = (await run(ENTRIES, [prefix, channel, from, max])) as string[];
    const out: QuotaEntry[] = [];
    for (let i = 0; i < flat.length; i += 2) out.push({ at: Number(flat[i]), units: Number(flat[i + 1]) });
    return out;
  };
  return {
    async spend(r) {
      const [granted, spent] = (await run(SPEND, [prefix, r.channel, r.units, r.at, r.from, r.limit, QUOTA_KEEP_MS])) as [number, number];
      return { granted: granted === 1, spent: Number(spent) };
    },
    async spent(channel, from) {
      return (await entries(channel, from, 1_000_000)).reduce((sum, e) => sum + e.units, 0);
    },
    entries,
  };
}
