const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The user-perceived characters of `text` in order (an emoji with its modifiers, a letter with its accents). */
export function segmentGraphemes(text: string): Intl.Segments {
  return segmenter.segment(text);
}

/** Counts user-perceived characters: how Mastodon, Bluesky and most platforms count. */
export function countGraphemes(text: string): number {
  // Printable ASCII is one grapheme per code unit: skip the (slow) segmenter on the common case.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}
