import type { FastifyBaseLogger } from 'fastify';
import { ChannelSendError } from './channel.js';

/**
 * Runs a channel's poll every `intervalMs`, one poll at a time. A failed poll is logged and tried
 * again at the next tick, or after the platform's rate-limit reset when it asked us to wait.
 */
export function createPollLoop(pollOnce: () => Promise<unknown>, opts: { intervalMs: number; log: FastifyBaseLogger; what: string }) {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let current: Promise<void> | undefined;

  async function loop() {
    if (!running) return;
    let delay = opts.intervalMs;
    try {
      await pollOnce();
    } catch (err) {
      if (err instanceof ChannelSendError && err.kind === 'rate_limited' && err.retryAt) delay = Math.max(delay, err.retryAt - Date.now());
      opts.log.warn({ err: (err as Error).message, retryInMs: delay }, `${opts.what} poll failed`);
    }
    if (running) timer = setTimeout(() => void (current = loop()), delay);
  }

  return {
    start() {
      running = true;
      current = loop();
    },
    /** Stops polling and waits for a poll under way. */
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
