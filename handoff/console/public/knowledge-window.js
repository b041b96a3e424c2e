// An entry's window as the form shows it: date-time pickers in the window's time zone (the entry's,
// else the file's, else UTC) and a summary in plain words. Plain functions of text: the page and
// the tests use the same ones.

const LOCAL = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?)?$/;
const OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The zone a window's local times are read in. */
export const windowZone = (window, fileZone) => window?.timezone || fileZone || 'UTC';

/** A window edge as the picker's value (YYYY-MM-DDTHH:MM in `zone`), or '' when it cannot be read. */
export function toPicker(text, zone) {
  if (!text) return '';
  const value = String(text).trim();
  const local = LOCAL.exec(value);
  if (local && !OFFSET.test(value)) return `${local[1]}T${local[2] ?? '00:00'}`;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return '';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/**
 * The picker's value as the file writes it: a local time (2026-11-28 09:00) read in the window's
 * zone when the entry or the file names one, else the same time in UTC with its Z.
 */
export function fromPicker(value, hasZone) {
  if (!value) return undefined;
  const [date, time = '00:00'] = value.split('T');
  return hasZone ? `${date} ${time.slice(0, 5)}` : `${date}T${time.slice(0, 5)}:00Z`;
}

/** "Fri 28 Nov 09:00" for a picker value. */
function spoken(picker) {
  const [date, time] = picker.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${DAYS[day]} ${d} ${MONTHS[m - 1]} ${time}`;
}

/** "Paris time" for Europe/Paris, "UTC" for UTC. */
export function zoneName(zone) {
  if (!zone || /^(UTC|Etc\/UTC|GMT)$/i.test(zone)) return 'UTC';
  return `${zone.split('/').pop().replace(/_/g, ' ')} time`;
}

/** "live from Fri 28 Nov 09:00 to Mon 1 Dec 00:00, Paris time", or what there is of it. */
export function windowSummary(window, fileZone) {
  const zone = windowZone(window, fileZone);
  const start = toPicker(window?.start, zone);
  const end = toPicker(window?.end, zone);
  if (!start && !end) return 'always live (no window)';
  if (start && end) return `live from ${spoken(start)} to ${spoken(end)}, ${zoneName(zone)}`;
  if (start) return `live from ${spoken(start)} on, with no end, ${zoneName(zone)}`;
  return `live now until ${spoken(end)}, ${zoneName(zone)}`;
}
