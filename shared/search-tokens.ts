/** At most this many words of a search query count. */
export const MAX_QUERY_TERMS = 8;
const TOKEN = /[\p{L}\p{N}]{1,40}/gu;

/**
 * The words of a text as the search index keeps them: lower case, accents removed (as SQLite FTS5's
 * unicode61 tokenizer with remove_diacritics does), letters and digits only, each once.
 */
export function searchTokens(text: string, max = Number.POSITIVE_INFINITY): string[] {
  const folded = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const seen = new Set<string>();
  for (const [word] of folded.matchAll(TOKEN)) {
    if (seen.size >= max) break;
    seen.add(word);
  }
  return [...seen];
}
