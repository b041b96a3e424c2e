import { z } from 'zod';
import { BusinessHoursError, parseBusinessHours, type BusinessHours } from './parse-business-hours.js';
import { checkTimeZone, dayFromIso } from './time-zone.js';

/**
 * The settings of business hours, the human SLA and the team webhook, as zod shapes in the style of
 * config/settings.ts: one line, `...hoursSettingsShape`, adds them to its shape. Each field checks
 * itself (hours syntax, time zone, dates), so a bad value stops the service naming the setting.
 */

const dateList = z
  .union([z.array(z.string()), z.string()])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
  .superRefine((dates, ctx) => {
    const bad = dates.filter((d) => dayFromIso(d) === undefined);
    if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `${bad.map((d) => `"${d}"`).join(', ')} must be dates like 2026-12-25` });
  });

export const hoursSettingsShape = {
  /** When people answer, e.g. `Mon-Fri 09:00-18:00; Sat 10:00-14:00`, or `always`. */
  BUSINESS_HOURS: z
    .string()
    .default('always')
    .superRefine((text, ctx) => {
      try {
        parseBusinessHours(text, 'UTC'); // the syntax does not depend on the zone
      } catch (err) {
        if (!(err instanceof BusinessHoursError)) throw err;
        ctx.addIssue({ code: 'custom', message: err.message });
      }
    }),
  /** IANA time zone the hours and holidays are read in. */
  BUSINESS_TIMEZONE: z
    .string()
    .default('UTC')
    .refine((zone) => {
      try {
        checkTimeZone(zone);
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Europe/Paris'),
  /** Local dates on which nobody answers, comma-separated. */
  HOLIDAYS: dateList.default([]),
  /** Business minutes within which a person should first reply in a handed-off thread. */
  HUMAN_RESPONSE_TARGET_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  /** Business minutes within which a person should answer a customer's follow-up (the next reply). */
  HUMAN_NEXT_REPLY_TARGET_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  /** Share of the target after which the team is warned. */
  SLA_WARNING_FRACTION: z.coerce.number().gt(0).lt(1).default(0.8),
  /** Incoming-webhook URL for team notifications (a secret: never logged). Unset: no notifications. */
  TEAM_WEBHOOK_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'must be an http(s) URL')
    .optional(),
  TEAM_WEBHOOK_FORMAT: z.enum(['slack', 'teams']).default('slack'),
};

export const hoursSettingsSchema = z.object(hoursSettingsShape);
export type HoursSettings = z.infer<typeof hoursSettingsSchema>;

/** The business hours the settings describe. */
export function hoursFromSettings(s: Pick<HoursSettings, 'BUSINESS_HOURS' | 'BUSINESS_TIMEZONE' | 'HOLIDAYS'>): BusinessHours {
  return parseBusinessHours(s.BUSINESS_HOURS, s.BUSINESS_TIMEZONE, s.HOLIDAYS);
}
