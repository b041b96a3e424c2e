// Times in the knowledge file's time zone (its `timezone`, else UTC): how windows read in the
// calendar and the new-incident form, whatever the browser's own zone.

const formats = new Map();
function format(zone, options) {
  const key = `${zone}|${JSON.stringify(options)}`;
  if (!formats.has(key)) formats.set(key, new Intl.DateTimeFormat('en-GB', { timeZone: zone, ...options }));
  return formats.get(key);
}

/** "Fri 28 Nov, 09:00" in the zone. */
export const zoneTime = (zone, ms) =>
  format(zone, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);

/** "Fri 28" in the zone. */
export const zoneDay = (zone, ms) => format(zone, { weekday: 'short', day: 'numeric' }).format(ms);

/** "Europe/Paris time", "UTC". */
export const zoneName = (zone) => (zone === 'UTC' ? 'UTC' : `${zone.replace(/_/g, ' ')} time`);

function wallClock(zone, ms) {
  const parts = Object.fromEntries(
    format(zone, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
}

/** The instant of a wall-clock time in the zone (`wall` as if it were UTC ms); twice corrected for DST edges. */
export function fromWallClock(zone, wall) {
  let t = wall - (wallClock(zone, wall) - wall);
  t = wall - (wallClock(zone, t) - t);
  return t;
}

/** The start of the zone's day that holds `ms`. */
export function dayStart(zone, ms) {
  const wall = wallClock(zone, ms);
  return fromWallClock(zone, wall - (wall % 86_400_000));
}

/** "2026-12-06T15:20" for an <input type="datetime-local"> showing `ms` in the zone. */
export const toLocalInput = (zone, ms) => new Date(wallClock(zone, ms)).toISOString().slice(0, 16);

/** The instant an <input type="datetime-local"> value means in the zone. */
export const fromLocalInput = (zone, value) => fromWallClock(zone, Date.parse(`${value}:00Z`));
