/**
 * The round robin's step: the first candidate after `last` in name order, wrapping round (the first
 * when `last` is null or past the end). Name order, not the order given, so every instance agrees.
 */
export function nextAfter(candidates: readonly string[], last: string | null): string | undefined {
  const sorted = [...new Set(candidates)].sort();
  if (last === null) return sorted[0];
  return sorted.find((name) => name > last) ?? sorted[0];
}
