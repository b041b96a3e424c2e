import { openFrom } from './open-intervals.js';
import type { BusinessHours } from '../../config/parse-business-hours.js';
import { localParts } from '../../config/time-zone.js';

/**
 * The `{{opens}}` text of the acknowledgement sent outside business hours: when a person will answer,
 * in the business's time zone, named so a customer elsewhere can convert it. "today at 14:00
 * (Europe/Paris)", "tomorrow at 09:00 (…)", "Monday 09:00 (…)" within a week, else with the date.
 */
export function describeOpening(hours: BusinessHours, at: Date | number, requested = 'en'): string {
  const locale = supportedLocale(requested);
  const [start] = openFrom(hours, +at).next().value ?? [+at];
  const opens = new Date(start);
  const zone = hours.timeZone;
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (+opens === +at) return relative.format(0, 'second');
  const time = new Intl.DateTimeFormat(locale, { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(opens);
  const days = localParts(zone, +opens).day - localParts(zone, +at).day;
  const english = new Intl.Locale(locale).language === 'en';
  let when: string;
  if (days <= 1) {
    const word = relative.format(days, 'day');
    when = english ? `${word} at ${time}` : `${word} ${time}`;
  } else {
    const date = new Intl.DateTimeFormat(
      locale,
      days < 7 ? { timeZone: zone, weekday: 'long' } : { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long' },
    ).format(opens);
    when = `${date} ${time}`;
  }
  return `${when} (${zone})`;
}

/** A malformed locale (from a channel or a setting) must not break the acknowledgement: fall back to English. */
function supportedLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}
