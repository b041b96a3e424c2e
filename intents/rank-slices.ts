/**
 * Characters of mention text ranked in one go (many short mentions, a few long ones): what the
 * features of one slice cost stays short next to a /healthz answer.
 */
export const RANK_SLICE_CHARS = 16_000;

/** [from, to) index ranges of consecutive texts, each adding up to at most `chars` (one text at least). */
export function slicesByLength(texts: readonly string[], chars: number): Array<[number, number]> {
  const slices: Array<[number, number]> = [];
  let from = 0;
  let length = 0;
  texts.forEach((t, i) => {
    if (i > from && length + t.length > chars) {
      slices.push([from, i]);
      from = i;
      length = 0;
    }
    length += t.length;
  });
  if (from < texts.length) slices.push([from, texts.length]);
  return slices;
}
