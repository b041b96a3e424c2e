/**
 * Bounds on what the understander reads of a text, so its cost grows at most linearly with what a
 * customer writes and stays bounded whatever they write (issue 14, finding 2).
 */

/**
 * Characters of a mention the understander reads. Posts are short where customers write to brands
 * (X 280, Bluesky 300, Mastodon 500 by default) and a long Facebook comment or X long post says what
 * it is about at the start; this keeps the whole of nearly every real mention while bounding the
 * work (encoder tokens, n-grams) one mention can cost. The full text stays in the store.
 */
export const UNDERSTOOD_CHARS = 4_000;

/**
 * Longer words are not stemmed (kept as they are): no English word comes near it, and the Porter
 * stemmer's time grows with the square of a word's length.
 */
export const MAX_STEMMED_WORD = 40;

/** The start of `text` the understander reads: at most `UNDERSTOOD_CHARS`, never half a surrogate pair. */
export function understoodText(text: string): string {
  if (text.length <= UNDERSTOOD_CHARS) return text;
  const end = isHighSurrogate(text.charCodeAt(UNDERSTOOD_CHARS - 1)) ? UNDERSTOOD_CHARS - 1 : UNDERSTOOD_CHARS;
  return text.slice(0, end);
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
