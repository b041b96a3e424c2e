/**
 * Untrusted text made safe to show to the team: no control, bidi or other invisible characters
 * (which could hide or reorder the text around them), and cut to a length between graphemes (never
 * inside an emoji or a letter with its accents) after escaping, so an escape is never cut in half either.
 */
import { stripInvisible } from '../../shared/strip-invisible.js';
import { segmentGraphemes } from '../../shared/graphemes.js';

/**
 * Escapes each grapheme and keeps as many as fit in maxLength code units, ending with … when cut.
 * `defuse` runs on the cleaned text (it may add invisible characters of its own, like a word joiner).
 */
export function escapeAndFit(
  text: string,
  escapeText: (s: string) => string,
  maxLength: number,
  defuse: (s: string) => string = (s) => s,
): string {
  const clean = defuse(stripInvisible(text));
  const whole = escapeText(clean);
  if (whole.length <= maxLength) return whole;
  let out = '';
  for (const { segment } of segmentGraphemes(clean)) {
    const piece = escapeText(segment);
    if (out.length + piece.length > maxLength - 1) break;
    out += piece;
  }
  return `${out}…`;
}
