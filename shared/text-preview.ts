/** How much of a mention the queue list carries; the whole text is in the thread view. */
export const PREVIEW_CHARS = 280;

/**
 * The start of `text`, at most `max` characters (code points, never half of a surrogate pair),
 * with an ellipsis when cut. Reads only the start of the text: a huge mention costs nothing more.
 */
export function previewText(text: string, max = PREVIEW_CHARS): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  const head = Array.from(text.slice(0, max * 2));
  if (head.length <= max && text.length <= max * 2) return { text, truncated: false };
  return { text: `${head.slice(0, max - 1).join('')}…`, truncated: true };
}
