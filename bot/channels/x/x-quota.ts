import { ChannelSendError } from '../channel.js';
import { xResetAt } from './x-rate-limit.js';

interface Window {
  /** Calls X said were left in the window, at its last answer. */
  remaining: number;
  resetAt: number;
}

/**
 * X's rate-limit windows, per endpoint, as its headers tell them, so that calls made side by side
 * (the outbox sends a batch at once) never go beyond what is left: a call that would is refused here
 * as rate_limited until the reset. Once a window is over, what the next one allows is unknown until X
 * answers: one call goes first, the others wait for its answer. An endpoint that never sent
 * rate-limit headers is not held back.
 */
export function createXQuota(what: string) {
  let window: Window | undefined;
  let inFlight = 0;
  let waiters: (() => void)[] = [];

  /** Resolves when a call may go out; throws rate_limited when none is left before the reset. */
  async function acquire(): Promise<void> {
    for (;;) {
      if (window && Date.now() < window.resetAt) {
        // Calls under way are counted against what is left: X counts them too.
        if (window.remaining - inFlight <= 0) throw new ChannelSendError(`X ${what}: no calls left until the rate-limit reset`, 'rate_limited', window.resetAt);
        break;
      }
      if (!window || inFlight === 0) break;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
    inFlight++;
  }

  /** Reads the answer's headers (any status: a 429 says 0 left) and lets waiting calls look again. */
  function release(headers: Headers | undefined): void {
    inFlight--;
    const remaining = headers?.get('x-rate-limit-remaining');
    if (headers && remaining !== null && remaining !== undefined && remaining !== '' && Number.isFinite(Number(remaining))) {
      const resetAt = xResetAt(headers);
      // Answers to calls made side by side arrive in any order: within one window the lowest count is the latest.
      window = window && window.resetAt === resetAt ? { resetAt, remaining: Math.min(window.remaining, Number(remaining)) } : { resetAt, remaining: Number(remaining) };
    }
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  }

  return { acquire, release };
}
