import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel, ChannelContext } from '../../../bot/channels/channel.js';
import { startService, type RunningService } from '../../helpers/start-service.js';
import { scrape } from './scrape-metrics.js';

describe('issue 22 — what is left of a daily quota in /readyz and metrics', () => {
  let service: RunningService | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fr-readyz-quota-'));
  afterEach(async () => {
    await service?.dispose();
    service = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows each channel's units left, after the channel's own polls spent some, and survives a restart", { timeout: 60_000 }, async () => {
    let ctx: ChannelContext | undefined;
    const channel: Channel = {
      name: 'tiny',
      limits: { maxLength: 1000, measure: (t) => t.length },
      dailyQuota: { units: 500, perReply: 50, resets: { midnightIn: 'America/Los_Angeles' } },
      async start(c) {
        ctx = c;
      },
      send: async () => ({ platformId: 'p1' }),
    };
    service = await startService({ SANDBOX_ENABLED: 'false', DATA_DIR: dataDir }, { channels: [channel] });
    // Polls stop at the reserve kept for acknowledgements (a tenth: 50 units).
    for (let i = 0; i < 3; i++) expect((await ctx!.quota!.spend(100, 'poll')).granted).toBe(true);
    expect(await ctx!.quota!.spend(200, 'poll')).toMatchObject({ granted: false, retryAt: expect.any(Number) });

    const ready = (await (await fetch(`${service.url}/readyz`)).json()) as { quota: Record<string, Record<string, unknown>> };
    expect(ready.quota).toEqual({
      tiny: { units: 500, perReply: 50, spent: 300, left: 200, reserve: 50, resetsAt: expect.stringMatching(/T0[78]:00:00\.000Z$/) },
    });
    const metrics = await scrape(service.url);
    expect(metrics.value('first_reply_daily_quota_left', { channel: 'tiny' })).toBe(200);

    // A restart on the same data keeps what was spent.
    await service.stop();
    service = await startService({ SANDBOX_ENABLED: 'false', DATA_DIR: dataDir }, { channels: [channel] });
    const again = (await (await fetch(`${service.url}/readyz`)).json()) as { quota: Record<string, { left: number }> };
    expect(again.quota.tiny?.left).toBe(200);
  });
});
