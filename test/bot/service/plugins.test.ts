import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../../config/settings.js';
import type { Channel } from '../../../bot/channels/channel.js';
import { createSandboxChannel } from '../../../bot/channels/sandbox/sandbox-channel.js';
import { channelsPlugin } from '../../../bot/service/channels-plugin.js';
import { intakePlugin } from '../../../bot/service/intake-plugin.js';
import { serverPlugin } from '../../../bot/service/server-plugin.js';
import { storePlugin } from '../../../bot/service/store-plugin.js';
import { tempDirs } from '../../helpers/temp-dirs.js';

const tempDir = tempDirs('first-reply-plugins-');

/** Only the plugins intake needs (not ready yet): no understanding, no knowledge, no handoff, no drains. */
async function intakeOnly(channels: Channel[]) {
  const dataDir = tempDir();
  const settings = loadSettings({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const app = Fastify();
  await app.register(serverPlugin);
  await app.register(storePlugin, { settings });
  await app.register(intakePlugin, { ackDeadlineSeconds: 60, now: Date.now });
  await app.register(channelsPlugin, { channels });
  return app;
}

describe('service plugins', () => {
  it('takes mentions in with only the store, intake and channels registered: stored, never decided', async () => {
    const sandbox = createSandboxChannel({ dataDir: tempDir(), brandHandle: '@acme', maxLength: 280, replyDelayMs: 0 });
    const app = await intakeOnly([sandbox]);
    const stored: string[] = [];
    app.way.stored.on((channel) => stored.push(channel));
    const res = await app.inject({ method: 'POST', url: '/sandbox/mentions', payload: { author: '@ann', text: 'my parcel is late' } });
    expect(res.statusCode).toBe(202);
    const { mentionId } = res.json() as { mentionId: number };
    await new Promise((r) => setTimeout(r, 200));
    // No drains: the mention waits in the inbox, undecided, and nothing answered it.
    expect((await app.store.getMention(mentionId))?.status).toBe('received');
    expect(stored).toEqual(['sandbox']);
    expect((await app.store.stats()).outbox).toEqual({});
    await app.close();
  });

  it('closes in the reverse of the order it starts: channels start after the store is ready and stop before it closes', async () => {
    const seen: string[] = [];
    let app: Awaited<ReturnType<typeof intakeOnly>>;
    const probe: Channel = {
      name: 'probe',
      limits: { maxLength: 280, measure: (t) => t.length },
      async start() {
        seen.push(`start (store answers: ${typeof (await app.store.stats()).mentions})`);
      },
      async stop() {
        seen.push(`stop (store answers: ${typeof (await app.store.stats()).mentions})`);
      },
      send: async () => ({ platformId: 'x' }),
    };
    app = await intakeOnly([probe]);
    await app.ready();
    await app.close();
    expect(seen).toEqual(['start (store answers: object)', 'stop (store answers: object)']);
    await expect(app.store.stats()).rejects.toThrow();
  });
});
