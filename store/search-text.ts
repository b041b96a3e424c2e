import { SEARCH_BODY_CHARS, SEARCH_PART_CHARS } from './search-store.js';

/** At most this many words of a query count. */
export const MAX_QUERY_TERMS = 8;
const TOKEN = /[\p{L}\p{N}]{1,40}/gu;

/**
 * The words of a text as the index keeps them: lower case, accents removed (as FTS5's unicode61
 * with remove_diacritics does), letters and digits only, each once.
 */
export function searchTokens(text: string, max = Number.POSITIVE_INFINITY): string[] {
  const folded = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const seen = new Set<string>();
  for (const [word] of folded.matchAll(TOKEN)) {
    seen.add(word);
    if (seen.size >= max) break;
  }
  return [...seen];
}

/** A query's words, ready for FTS5 MATCH: each a quoted string, so no word is ever read as syntax. */
export const ftsQuery = (terms: readonly string[]): string => terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' ');

/** A thread's body with one more text: the newest part kept when it grows past the bound. */
export function appendToBody(body: string, text: string): string {
  const part = text.length > SEARCH_PART_CHARS ? text.slice(0, SEARCH_PART_CHARS) : text;
  const joined = body ? `${body}\n${part}` : part;
  return joined.length > SEARCH_BODY_CHARS ? joined.slice(joined.length - SEARCH_BODY_CHARS) : joined;
}
