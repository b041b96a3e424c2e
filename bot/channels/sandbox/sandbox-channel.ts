import { ChannelSendError, type Channel, type ChannelContext } from '../channel.js';
import { countGraphemes } from '../../../shared/graphemes.js';
import { openSandboxPlatform, SandboxError, type SandboxPlatform } from './sandbox-platform.js';
import { sandboxRoutes } from './sandbox-routes.js';

export interface SandboxOptions {
  dataDir: string;
  /** The handle the brand posts under in the sandbox. */
  brandHandle: string;
  maxLength: number;
  /** Simulated platform latency per reply. */
  replyDelayMs: number;
}

/**
 * The built-in sandbox channel: a small public platform inside the service, where people try the
 * bot, demos run and end-to-end tests drive it. It implements the same Channel interface as X or
 * Mastodon: mentions enter through ctx.accept, replies leave through send().
 */
export function createSandboxChannel(options: SandboxOptions): Channel & { platform: SandboxPlatform } {
  const platform = openSandboxPlatform(options.dataDir);
  return {
    name: 'sandbox',
    platform,
    limits: { maxLength: options.maxLength, measure: countGraphemes },
    async routes(app, ctx: ChannelContext) {
      await app.register(sandboxRoutes, { platform, ctx, brandHandle: options.brandHandle, maxLength: options.maxLength });
    },
    async send(reply) {
      if (options.replyDelayMs > 0) await new Promise((r) => setTimeout(r, options.replyDelayMs));
      try {
        const { post } = platform.publish({
          author: options.brandHandle,
          text: reply.text,
          inReplyTo: reply.inReplyTo,
          idempotencyKey: reply.idempotencyKey,
        });
        return { platformId: post.id };
      } catch (err) {
        // The post replied to is gone: like a deleted tweet, retrying will not help.
        if (err instanceof SandboxError) throw new ChannelSendError(err.message, 'permanent');
        throw err;
      }
    },
    async stop() {
      platform.close();
    },
  };
}
