import nock from 'nock';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Channel } from '../../bot/channels/channel.js';
import type { Store } from '../../store/store.js';
import { loadChannelSettings, type ChannelSettings } from '../../config/channel-settings.js';
import type { ServiceOverrides } from '../../bot/create-service.js';
import { startService, type RunningService } from './start-service.js';

/**
 * The lifecycle of a platform channel test, registered in the calling describe block: the network
 * closed but for loopback, one service per test on the channel `create` builds from its settings
 * (sandbox off, quick retries), stopped and the nock interceptors cleared after each test.
 * Starting again within a test stops the running service first (a restart).
 */
export function platformService<C extends Channel>(baseEnv: Record<string, string>, create: (settings: ChannelSettings) => C) {
  let service: RunningService | undefined;
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(async () => {
    await service?.dispose();
    service = undefined;
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());

  return async (
    extra: Record<string, string> = {},
    overrides: Omit<ServiceOverrides, 'channels'> = {},
  ): Promise<{ service: RunningService; channel: C }> => {
    await service?.dispose();
    const all = { ...baseEnv, ...extra, SANDBOX_ENABLED: 'false', OUTBOX_RETRY_BASE_MS: '50' };
    const channel = create(loadChannelSettings(all));
    service = await startService(all, { ...overrides, channels: [channel] });
    return { service, channel };
  };
}

/** Every mention the service stored, in the order it stored them (ids count up from 1). */
export async function storedMentions(s: { store: Pick<Store, 'getMention'> }) {
  const out = [];
  for (let id = 1; ; id++) {
    const m = await s.store.getMention(id);
    if (!m) return out;
    out.push(m);
  }
}
