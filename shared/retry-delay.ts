/** Exponential backoff with jitter, capped at `maxMs` (default 5 minutes): attempt 1 waits up to base, 2 up to 2x... */
export function retryDelay(attempt: number, baseMs: number, random: () => number = Math.random, maxMs = 5 * 60_000): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
