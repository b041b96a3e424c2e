const S32 = '234567abcdefghijklmnopqrstuvwxyz';

/**
 * A TID record key (13 base32-sortable characters: 53 bits of microseconds, 10 bits of clock id),
 * the key type app.bsky.feed.post records use.
 */
export function newTid(nowMs = Date.now(), clockId = Math.floor(Math.random() * 1024)): string {
  let n = ((BigInt(nowMs) * 1000n) << 10n) | BigInt(clockId & 1023);
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = S32[Number(n & 31n)]! + out;
    n >>= 5n;
  }
  return out;
}
