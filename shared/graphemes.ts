const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Longer text is segmented piece by piece: each step of V8's segment iterator takes time in the
 * length of the whole string, so one pass over a long post took time in the square of its length
 * (90,000 characters of Cyrillic: 20 s with the event loop held).
 */
const PIECE = 256;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/**
 * The user-perceived characters of `text` in order (an emoji with its modifiers, a letter with its
 * accents), with their offsets. Each piece starts at a grapheme boundary and only its graphemes
 * before the last are taken (the last may go on past the piece): the rules that join characters look
 * back no further than the grapheme they build, so the graphemes are those of the whole text.
 */
export function* segmentGraphemes(text: string): Generator<{ segment: string; index: number }> {
  let pos = 0;
  let size = PIECE;
  while (pos < text.length) {
    let end = pos + size;
    if (end >= text.length) {
      for (const s of segmenter.segment(text.slice(pos))) yield { segment: s.segment, index: pos + s.index };
      return;
    }
    // Never between the halves of a surrogate pair.
    if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
    const found = [...segmenter.segment(text.slice(pos, end))];
    // One grapheme longer than the piece (a letter with hundreds of accents): a larger piece.
    if (found.length < 2) {
      size *= 2;
      continue;
    }
    for (const s of found.slice(0, -1)) yield { segment: s.segment, index: pos + s.index };
    pos += found.at(-1)!.index;
    size = PIECE;
  }
}

/** Counts user-perceived characters: how Mastodon, Bluesky and most platforms count. */
export function countGraphemes(text: string): number {
  // Printable ASCII is one grapheme per code unit: skip the (slow) segmenter on the common case.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let n = 0;
  for (const _ of segmentGraphemes(text)) n++;
  return n;
}
