/** Exponential backoff with full jitter, capped at 5 minutes: attempt 1 waits up to base, 2 up to 2x... */
export function retryDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(5 * 60_000, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
