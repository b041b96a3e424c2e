import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Channel, ChannelContext } from '../channels/channel.js';
import { createQuotaGovernor, type QuotaGovernor } from '../outbox/quota-governor.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The platform adapters by name. */
    channels: ReadonlyMap<string, Channel>;
    /** The channels' daily allowances (bot/outbox/quota-governor.ts), spent by replies and by the channels' own calls. */
    quota: QuotaGovernor;
  }
}

/**
 * The platforms: each channel's webhook routes in its own scope, given its context (intake, its own
 * key/value state, a log). On ready the channels start (polling, sessions, limits read) before
 * the sender does; on close they stop after the drains, before the store closes.
 */
export const channelsPlugin = fp(
  async (app: FastifyInstance, opts: { channels: Channel[]; now?: () => number }) => {
    const now = opts.now ?? Date.now;
    const quota = createQuotaGovernor({ store: app.quotaStore, channels: opts.channels, now });
    app.decorate('quota', quota);
    app.metrics.collectQuotaLeft(() => quota.left(now()));
    const contextFor = (channel: Channel): ChannelContext => {
      const spend = quota.forChannel(channel.name);
      return {
        accept: (mention) => app.intake.accept(channel.name, mention),
        state: app.keyv(`channel:${channel.name}`),
        log: app.log.child({ channel: channel.name }),
        ...(spend ? { quota: spend } : {}),
      };
    };
    const contexts = new Map(opts.channels.map((c) => [c.name, contextFor(c)]));
    app.decorate('channels', new Map(opts.channels.map((c) => [c.name, c])));
    app.addHook('onClose', async () => void (await Promise.all(opts.channels.map((c) => c.stop?.()))));
    for (const channel of opts.channels) {
      if (channel.routes) await app.register(async (scope) => channel.routes!(scope, contexts.get(channel.name)!));
    }
    app.addHook('onReady', async () => {
      for (const channel of opts.channels) await channel.start?.(contexts.get(channel.name)!);
    });
  },
  { name: 'channels', dependencies: ['store', 'intake'] },
);
