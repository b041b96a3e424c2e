/**
 * Untrusted text made safe to show to the team: no control or bidi-override characters (which could
 * hide or reorder the text around them), and cut to a length between graphemes (never inside an
 * emoji or a letter with its accents) after escaping, so an escape is never cut in half either.
 */

// C0/C1 controls except tab and newline; bidi embeddings, overrides and isolates (LRE..RLO, LRI..PDI).
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function stripUnsafe(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE, '');
}

/** Escapes each grapheme and keeps as many as fit in maxLength code units, ending with … when cut. */
export function escapeAndFit(text: string, escape: (s: string) => string, maxLength: number): string {
  const clean = stripUnsafe(text);
  const whole = escape(clean);
  if (whole.length <= maxLength) return whole;
  let out = '';
  for (const { segment } of segmenter.segment(clean)) {
    const piece = escape(segment);
    if (out.length + piece.length > maxLength - 1) break;
    out += piece;
  }
  return `${out}…`;
}
