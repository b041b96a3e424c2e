import { describe, expect, it } from 'vitest';
import { createConfiguredChannels } from '../../../bot/channels/create-channels.js';
import { linkedinError } from '../../../bot/channels/linkedin/linkedin-api.js';
import { tiktokError } from '../../../bot/channels/tiktok/tiktok-api.js';
import type { HttpResponse } from '../../../bot/channels/http-call.js';

const NOW = 1_800_000_000_000;
const answer = (status: number, body: string): HttpResponse => ({
  status,
  ok: status < 300,
  headers: new Headers(),
  text: async () => body,
  json: async () => JSON.parse(body) as unknown,
});

describe('TikTok and LinkedIn errors as the outbox reads them', () => {
  it('TikTok: throttling waits the configured time, server codes are retried, the rest is final', () => {
    const throttled = tiktokError(200, { code: 40100, message: 'Too many requests' }, 'reply', 60_000, NOW);
    expect([throttled.kind, throttled.retryAt]).toEqual(['rate_limited', NOW + 60_000]);
    expect(tiktokError(429, {}, 'reply', 1000, NOW).kind).toBe('rate_limited');
    expect(tiktokError(200, { code: 50002, message: 'system busy' }, 'reply', 1000, NOW).kind).toBe('transient');
    expect(tiktokError(502, { message: '<html>' }, 'reply', 1000, NOW).kind).toBe('transient');
    expect(tiktokError(200, { code: 40105, message: 'access token expired' }, 'reply', 1000, NOW).kind).toBe('permanent');
    expect(tiktokError(200, { code: 40002, message: 'comment deleted' }, 'reply', 1000, NOW).message).toContain('code 40002');
  });

  it('LinkedIn: 429 waits the configured time, 5xx is retried, 401/403/404/422 are final', async () => {
    const throttled = await linkedinError(answer(429, '{"status":429}'), 'reply', 300_000, NOW);
    expect([throttled.kind, throttled.retryAt]).toEqual(['rate_limited', NOW + 300_000]);
    expect((await linkedinError(answer(503, ''), 'reply', 1, NOW)).kind).toBe('transient');
    for (const status of [401, 403, 404, 422]) expect((await linkedinError(answer(status, '{}'), 'reply', 1, NOW)).kind).toBe('permanent');
  });

  it('both channels are created from their settings, and not without them', () => {
    const names = createConfiguredChannels({
      TIKTOK_ACCESS_TOKEN: 't',
      TIKTOK_BUSINESS_ID: 'biz-1',
      LINKEDIN_ACCESS_TOKEN: 'l',
      LINKEDIN_ORGANIZATION_ID: '5515715',
    }).map((c) => [c.name, c.limits.maxLength]);
    expect(names).toEqual([
      ['tiktok', 150],
      ['linkedin', 1250],
    ]);
    expect(createConfiguredChannels({}).map((c) => c.name)).toEqual([]);
  });
});
