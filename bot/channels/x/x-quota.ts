import { createRateLimitWindow, headerCount } from '../rate-limit-window.js';
import { xResetAt } from './x-rate-limit.js';

/** One X endpoint's rate-limit window (X counts each endpoint separately), from `x-rate-limit-*` headers. */
export function createXQuota(what: string) {
  return createRateLimitWindow({
    label: `X ${what}`,
    read(headers) {
      const remaining = headerCount(headers, 'x-rate-limit-remaining');
      return remaining === undefined ? undefined : { remaining, resetAt: xResetAt(headers) };
    },
  });
}
