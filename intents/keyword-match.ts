import { stems } from './features/tokenize.js';

/** True when every stem of the keyword phrase appears, in order and adjacent, in the mention. */
export function keywordMatches(mentionStems: readonly string[], keyword: string): boolean {
  const k = stems(keyword);
  if (k.length === 0) return false;
  for (let i = 0; i + k.length <= mentionStems.length; i++) {
    if (k.every((s, j) => mentionStems[i + j] === s)) return true;
  }
  return false;
}
