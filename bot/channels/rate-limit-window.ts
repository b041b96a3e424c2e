import { ChannelSendError } from './channel.js';

/** What a platform's rate-limit headers say: calls left in the window and when it resets (ms epoch). */
export interface WindowReading {
  remaining: number;
  resetAt: number;
}

export interface RateLimitWindowOptions {
  /** Names the calls in messages, e.g. "X reply". */
  label: string;
  /** The window from an answer's headers; undefined when the answer does not say. */
  read(headers: Headers): WindowReading | undefined;
}

/**
 * A platform's rate-limit window as its headers tell it, so that calls made side by side (the outbox
 * sends a batch at once) never go beyond what is left: a call that would is refused here as
 * rate_limited until the reset. Once a window is over, what the next one allows is unknown until the
 * platform answers: one call goes first, the others wait for its answer. A platform that never sent
 * rate-limit headers is not held back.
 */
export function createRateLimitWindow(opts: RateLimitWindowOptions) {
  let window: WindowReading | undefined;
  let inFlight = 0;
  let waiters: (() => void)[] = [];

  /** Resolves when a call may go out; throws rate_limited when none is left before the reset. */
  async function acquire(): Promise<void> {
    for (;;) {
      if (window && Date.now() < window.resetAt) {
        // Calls under way are counted against what is left: the platform counts them too.
        if (window.remaining - inFlight <= 0)
          throw new ChannelSendError(`${opts.label}: no calls left until the rate-limit reset`, 'rate_limited', window.resetAt);
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
    const reading = headers && opts.read(headers);
    if (reading) {
      // Answers to calls made side by side arrive in any order: within one window the lowest count is the latest.
      window =
        window && window.resetAt === reading.resetAt ? { ...reading, remaining: Math.min(window.remaining, reading.remaining) } : reading;
    }
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  }

  return { acquire, release };
}

/** A header's value as a count, or undefined when absent or not a number. */
export function headerCount(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  return value !== null && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined;
}
