import { hash } from '../features/hashed-features.js';
import { porterStemCached } from '../features/tokenize.js';

/** A sparse vector as bucket -> weight. */
export type SparseVector = Map<number, number>;

const WORD_BUCKETS = 1 << 20;
const CHAR_BUCKETS = 1 << 18;
// Function words, greetings and thanks: common to every mention, so they would pull unrelated ones together.
const STOP = new Set(
  (
    'a an and are as at be been but by can could did do does for from get got had has have he her him his how i if im in ' +
    'is it its ive just me my no not now of on or our out please so that the their them then there they this to too up ' +
    'us was we were what when where which who why will with would you your yours still again very really any all one ' +
    'guys hey hi hello thanks thank thx pls dont doesnt cant isnt wont didnt youre ill id been being also ok okay'
  ).split(' '),
);

/** What the grouping reads of one mention's text. */
export interface MentionTerms {
  /** Content words, lower case, unstemmed (shown as the words that set a group apart). */
  words: string[];
  /** Their stems, index for index. */
  stems: string[];
  /** Stems and stem pairs, each once, hashed: weighed by rarity when compared. */
  wordKeys: number[];
  /** Character 4-gram counts of the content words: typos and inflections still meet. */
  charKeys: SparseVector;
}

/**
 * A letter carrying an emoji presentation selector (U+FE0F) is no text a keyboard writes: it is a
 * broken glyph (iOS 11.1 sent "I" so, shown as "A" and a box), and posts about such a bug are a few
 * words around it. The word it starts is kept as that glyph alone, a word of its own.
 */
const GLYPH = /(\p{L})\uFE0F[\p{L}'’]{0,30}/gu;

/** Lower-case content words of a mention with handles, links and numbers out. */
export function contentWords(text: string): string[] {
  return text
    .slice(0, 2000)
    .toLowerCase()
    .replace(/https?:\/\/\S{0,2000}/g, ' ')
    .replace(/@[\w.]{1,100}/g, ' ')
    .replace(/&amp;/g, ' ')
    .replace(GLYPH, ' $1\uFE0F ')
    .replace(/(?<!\p{L})\uFE0F/gu, ' ')
    .replace(/['’]/g, '')
    .replace(/(\d)[.,](?=\d)/g, '$1_')
    .split(/[^\p{L}\p{N}$€£_\uFE0F]+/u)
    .filter((w) => isContentWord(w) && !STOP.has(w));
}

/**
 * Words of three letters or more, and broken glyphs; and the numbers that name an issue: a price ("$3"), an error code
 * ("503"), a version ("11_1"). Long digit runs are orders, accounts or phones: never the issue.
 */
function isContentWord(w: string): boolean {
  if (w.length > 30) return false;
  if (w.endsWith('\uFE0F')) return /^\p{L}\uFE0F$/u.test(w);
  if (/\p{L}/u.test(w)) return w.length > 2;
  return /^[$€£]\d{1,4}$/.test(w) || /^\d{2,4}$/.test(w) || /^\d{1,3}(?:_\d{1,3}){1,3}$/.test(w);
}

export function mentionTerms(text: string): MentionTerms {
  const words = contentWords(text);
  const stems = words.map(porterStemCached);
  const keys = new Set<number>();
  stems.forEach((s, i) => {
    keys.add(hash(s) % WORD_BUCKETS);
    if (i > 0) keys.add(hash(`${stems[i - 1]} ${s}`) % WORD_BUCKETS);
  });
  const charKeys: SparseVector = new Map();
  for (const w of words) {
    const padded = ` ${w} `;
    for (let i = 0; i + 4 <= padded.length; i++) {
      const k = hash(padded.slice(i, i + 4), 0x1234567) % CHAR_BUCKETS;
      charKeys.set(k, (charKeys.get(k) ?? 0) + 1);
    }
  }
  return { words, stems, wordKeys: [...keys], charKeys };
}

/** Scales a sparse vector to unit length in place. */
export function toUnit(v: SparseVector): SparseVector {
  let norm = 0;
  for (const x of v.values()) norm += x * x;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (const [k, x] of v) v.set(k, x * scale);
  return v;
}
