/**
 * Knowledge windows may be written as local wall-clock times ("2026-11-28 09:00") in an IANA time
 * zone, as marketing plans them. This turns such a time into an absolute instant.
 */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Offset of `zone` from UTC, in ms, at the instant `utcMs`. */
function zoneOffset(utcMs: number, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(utcMs))
      .map((p) => [p.type, Number(p.value)]),
  );
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * Milliseconds since the epoch for `text`: an ISO 8601 time with an offset as it is, or a local
 * date / date-time in `zone`. Undefined when it is neither (or a local time has no zone).
 */
export function toInstant(text: string, zone?: string): number | undefined {
  if (HAS_OFFSET.test(text.trim())) {
    const t = Date.parse(text);
    return Number.isNaN(t) ? undefined : t;
  }
  const m = LOCAL.exec(text.trim());
  if (!m || !zone || !isValidTimeZone(zone)) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== Number(d)) return undefined;
  // Two passes settle the offset across a daylight-saving change.
  let t = wall - zoneOffset(wall, zone);
  t = wall - zoneOffset(t, zone);
  return t;
}
