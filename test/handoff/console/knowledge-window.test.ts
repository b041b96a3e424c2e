import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PLATFORM_LIMITS } from '../../../config/knowledge/channel-limits.js';
import { toInstant } from '../../../config/time-zone.js';
import { repoRoot } from '../../helpers/start-service.js';

// The form's window pickers and summary, and its reply lengths, are browser JavaScript: they must
// read and write windows as the server does and count with the Check's limits.
const load = async (file: string) => import(pathToFileURL(path.join(repoRoot, 'handoff/console/public', file)).href);
const win = await load('knowledge-window.js');
const preview = await load('knowledge-reply-preview.js');

describe('knowledge form: windows and reply lengths (issue 23)', () => {
  it('shows a window in plain words in its time zone', () => {
    const w = { start: '2025-11-28 09:00', end: '2025-12-01 00:00', timezone: 'Europe/Paris' };
    expect(win.windowSummary(w)).toBe('live from Fri 28 Nov 09:00 to Mon 1 Dec 00:00, Paris time');
    expect(win.windowSummary({ start: '2026-01-01T00:00:00Z' })).toBe('live from Thu 1 Jan 00:00 on, with no end, UTC');
    expect(win.windowSummary({ end: '2026-03-02T08:30:00Z' }, 'America/New_York')).toBe('live now until Mon 2 Mar 03:30, New York time');
    expect(win.windowSummary(undefined)).toBe('always live (no window)');
  });

  it('pickers show a time in the window zone and write one the server reads as the same instant', () => {
    for (const zone of ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'UTC']) {
      const picked = win.toPicker('2026-03-29T00:30:00Z', zone);
      const written = win.fromPicker(picked, zone !== 'UTC');
      expect(toInstant(written, zone), `${zone}: ${picked} -> ${written}`).toBe(Date.parse('2026-03-29T00:30:00Z'));
    }
    expect(win.toPicker('2026-11-28 09:00', 'Europe/Paris')).toBe('2026-11-28T09:00');
    expect(win.fromPicker('2026-11-28T09:00', true)).toBe('2026-11-28 09:00');
    expect(win.fromPicker('2026-11-28T09:00', false)).toBe('2026-11-28T09:00:00Z');
    expect(win.fromPicker('', true)).toBeUndefined();
  });

  it("counts a reply with the Check's limits and its longest tone", () => {
    for (const [channel, limit] of Object.entries(PLATFORM_LIMITS))
      expect(preview.CHANNEL_LIMITS[channel]?.maxLength, channel).toBe(limit.maxLength);
    const reply = `Hi {{author}}, ${'the app is back up. '.repeat(13)}`.trim();
    const [x, sandbox] = preview.replyPreviews({ title: 't', reply: { default: reply } }, ['x', 'sandbox'], {
      '@acme_help': { closing: '^Acme support' },
    });
    expect(x).toMatchObject({ channel: 'x', limit: 280, over: true });
    expect(x.length).toBe(PLATFORM_LIMITS.x!.measure(x.text));
    expect(x.text).toMatch(/^Hi @a_fairly_long_handle, .* \^Acme support$/);
    expect(sandbox).toMatchObject({ channel: 'sandbox', limit: 500, over: false });
    expect(preview.replyPreviews({ reply: 'hi', channels: ['x'] }, ['x', 'sandbox']).map((p: { channel: string }) => p.channel)).toEqual([
      'x',
    ]);
  });
});
