import { SEARCH_BODY_CHARS, SEARCH_PART_CHARS } from './search-store.js';

export { searchTokens } from '../shared/search-tokens.js';

/** A query's words, ready for FTS5 MATCH: each a quoted string, so no word is ever read as syntax. */
export const ftsQuery = (terms: readonly string[]): string => terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' ');

/** A thread's body with one more text: the newest part kept when it grows past the bound. */
export function appendToBody(body: string, text: string): string {
  const part = text.length > SEARCH_PART_CHARS ? text.slice(0, SEARCH_PART_CHARS) : text;
  const joined = body ? `${body}\n${part}` : part;
  return joined.length > SEARCH_BODY_CHARS ? joined.slice(joined.length - SEARCH_BODY_CHARS) : joined;
}
