import { describe, expect, it } from 'vitest';
import { isOpen } from '../../handoff/hours/business-hours.js';
import { hoursFromSettings, hoursSettingsSchema } from '../../config/hours-settings.js';

function issues(raw: Record<string, unknown>): Record<string, string> {
  const parsed = hoursSettingsSchema.safeParse(raw);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
}

describe('hours settings', () => {
  it('defaults to always open, a 60-minute target warned at 80%, Slack, no webhook', () => {
    const s = hoursSettingsSchema.parse({});
    expect(s).toEqual({
      BUSINESS_HOURS: 'always',
      BUSINESS_TIMEZONE: 'UTC',
      HOLIDAYS: [],
      HUMAN_RESPONSE_TARGET_MINUTES: 60,
      HUMAN_NEXT_REPLY_TARGET_MINUTES: 60,
      SLA_WARNING_FRACTION: 0.8,
      TEAM_WEBHOOK_FORMAT: 'slack',
    });
    expect(isOpen(hoursFromSettings(s), Date.UTC(2026, 11, 25, 3))).toBe(true);
  });

  it('reads environment strings: comma-separated holidays, numbers', () => {
    const s = hoursSettingsSchema.parse({
      BUSINESS_HOURS: 'Mon-Fri 09:00-18:00',
      BUSINESS_TIMEZONE: 'Europe/Paris',
      HOLIDAYS: '2026-12-25, 2027-01-01',
      HUMAN_RESPONSE_TARGET_MINUTES: '30',
      SLA_WARNING_FRACTION: '0.5',
      TEAM_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/secret',
      TEAM_WEBHOOK_FORMAT: 'teams',
    });
    expect(s.HOLIDAYS).toEqual(['2026-12-25', '2027-01-01']);
    expect(s.HUMAN_RESPONSE_TARGET_MINUTES).toBe(30);
    const hours = hoursFromSettings(s);
    expect(isOpen(hours, new Date('2026-12-24T09:00:00Z'))).toBe(true);
    expect(isOpen(hours, new Date('2026-12-25T09:00:00Z'))).toBe(false);
  });

  it('names each bad setting with the reason', () => {
    const bad = issues({
      BUSINESS_HOURS: 'Mon-Fri 9-18',
      BUSINESS_TIMEZONE: 'Mars/Olympus',
      HOLIDAYS: '2026-12-25,2026-13-01',
      HUMAN_RESPONSE_TARGET_MINUTES: '0',
      SLA_WARNING_FRACTION: '1.5',
      TEAM_WEBHOOK_URL: 'hooks.slack.com/x',
      TEAM_WEBHOOK_FORMAT: 'discord',
    });
    expect(Object.keys(bad).sort()).toEqual([
      'BUSINESS_HOURS',
      'BUSINESS_TIMEZONE',
      'HOLIDAYS',
      'HUMAN_RESPONSE_TARGET_MINUTES',
      'SLA_WARNING_FRACTION',
      'TEAM_WEBHOOK_FORMAT',
      'TEAM_WEBHOOK_URL',
    ]);
    expect(bad.BUSINESS_HOURS).toMatch(/"9-18".*not a time range/);
    expect(bad.BUSINESS_TIMEZONE).toMatch(/IANA/);
    expect(bad.HOLIDAYS).toMatch(/"2026-13-01"/);
    expect(bad.HOLIDAYS).not.toMatch(/"2026-12-25"/);
  });
});
