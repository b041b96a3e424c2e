// Durations and times as a person reads them at a glance.

/** 45s, 12m, 3h 05m, 2d 4h. */
export function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** 14:05 today, else "23 Nov 2026, 14:05". */
export function clock(at) {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return '';
  return date.toDateString() === new Date().toDateString() ? timeFormat.format(date) : dateTimeFormat.format(date);
}

/**
 * The SLA badge text as the server last computed it: "12m left", "breached 3m ago". Not ticked
 * here: the SLA clock stops outside business hours, which only the server knows (the queue is
 * refreshed on every event and every 30 s).
 */
export function slaText(sla) {
  if (!sla) return 'no SLA';
  return sla.remainingMs > 0 ? `SLA ${duration(sla.remainingMs)} left` : `SLA breached ${duration(-sla.remainingMs)} ago`;
}

/** For <time datetime>: empty when the value is not a time. */
export function isoTime(at) {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function percent(fraction) {
  return Number.isFinite(fraction) ? `${Math.round(fraction * 100)}%` : '–';
}
