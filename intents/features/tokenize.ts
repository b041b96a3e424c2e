import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { MAX_STEMMED_WORD } from '../text-bounds.js';

const URL = /https?:\/\/\S+|www\.\S+/gi;
const HANDLE = /@\w+/g;
// Words (with inner apostrophes), numbers, and emoji / symbols as their own tokens.
const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|\p{Extended_Pictographic}/gu;

/** Lower-cased word tokens; URLs and @handles become placeholders so they do not look like vocabulary. */
export function tokenize(text: string): string[] {
  const cleaned = text.replace(URL, ' xurl ').replace(HANDLE, ' xuser ').toLowerCase().replace(/’/g, "'");
  return cleaned.match(TOKEN) ?? [];
}

/** Porter stem of a word of any length: a word longer than `MAX_STEMMED_WORD` is kept as it is. */
export function porterStem(word: string): string {
  return word.length > MAX_STEMMED_WORD ? word : PorterStemmer.stem(word);
}

const stemCache = new Map<string, string>();
const porterCache = new Map<string, string>();

/** `porterStem`, memoised: the stemmer costs tens of microseconds a word, and words recur across mentions. */
export function porterStemCached(word: string): string {
  let s = porterCache.get(word);
  if (s === undefined) {
    s = porterStem(word);
    if (porterCache.size > 50_000) porterCache.clear();
    porterCache.set(word, s);
  }
  return s;
}

/** Porter stem, memoised (the same words recur across mentions; over-long ones are not kept). */
export function stem(token: string): string {
  if (token.length > MAX_STEMMED_WORD) return token;
  let s = stemCache.get(token);
  if (s === undefined) {
    s = /^[a-z']+$/.test(token) ? PorterStemmer.stem(token.replace(/'/g, '')) : token;
    if (stemCache.size > 50_000) stemCache.clear();
    stemCache.set(token, s);
  }
  return s;
}

export function stems(text: string): string[] {
  return tokenize(text).map(stem);
}
