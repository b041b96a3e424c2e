import { describe, expect, it } from 'vitest';
import { formatDuration, teamMessage } from '../../../handoff/notify/team-events.js';

describe('team messages', () => {
  it('says how much business time is left or late in minutes, hours and days', () => {
    expect(formatDuration(12 * 60_000 + 20_000)).toBe('12 min');
    expect(formatDuration(-3 * 60_000)).toBe('3 min');
    expect(formatDuration(125 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(120 * 60_000)).toBe('2 h');
    expect(formatDuration(27 * 3_600_000)).toBe('1 d 3 h');
  });

  it('links a thread event to the console with the thread key in place of {threadKey}, or to the console itself', () => {
    const event = { type: 'sla_breached', channel: 'x', threadKey: 'a/b c', author: '@bo', text: 'hello', overdueMs: 3_600_000 } as const;
    expect(teamMessage(event, 'https://r.example/console/threads/{threadKey}').link?.url).toBe(
      'https://r.example/console/threads/a%2Fb%20c',
    );
    expect(teamMessage(event, 'https://r.example/console/').link?.url).toBe('https://r.example/console/');
    expect(teamMessage(event).link).toBeUndefined();
    expect(teamMessage(event).facts).toContainEqual({ label: 'Late by', value: '1 h' });
  });
});
