import { contentStems } from './keyword-understander.js';

/**
 * Names customers give the thing an entry is about: a proper name before the word it names ("Pac-12
 * Network", "Rapid Rewards"). An entry about the Pac-12 Network does not answer a question about the SEC
 * Network: same word, another name, another subject. Written for this project.
 */

/** Words, handles and the marks that end a sentence, in order. */
const TOKEN = /@\w+|[\p{L}\p{N}][\p{L}\p{N}&+'’-]*|[.!?;:]/gu;
/** Up to this many names before a word are read as its name ("Fios TV lineup"). */
const MAX_NAME_WORDS = 3;
const MIN_WORD_LETTERS = 3;
const TITLE_CASE_SHARE = 0.6;

const normal = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
const isFunctionWord = (word: string) => contentStems(word).length === 0;
const isMark = (t: string) => /^[.!?;:]$/.test(t);

/**
 * Whether a token is a name: capitalised or holding a digit, not a handle. A capitalised word opening
 * a sentence may be capitalised only for being first: a name then only with a digit or in capitals ("SEC").
 */
function isName(token: string, opening: boolean): boolean {
  if (token.startsWith('@') || isMark(token) || isFunctionWord(token)) return false;
  if (/\p{N}/u.test(token)) return true;
  if (!/^\p{Lu}/u.test(token)) return false;
  return !opening || (token.length > 1 && token === token.toUpperCase());
}

/**
 * Each named word of a text and the names given it there: {network: {pac12}}, {lineup: {fios, tv}}.
 */
export function namedWords(text: string): Map<string, Set<string>> {
  const tokens = [...text.matchAll(TOKEN)].map((m) => m[0]);
  // Title Case ("Parcel Deliveries Running Late") capitalises every word: no word is a name then.
  const words = tokens.filter((t) => /^\p{L}/u.test(t));
  if (words.filter((t) => /^\p{Lu}/u.test(t)).length > words.length * TITLE_CASE_SHARE) return new Map();
  // Whether each token opens a sentence: first, or after a sentence's end, handles not counted.
  let opening = true;
  const names = tokens.map((t) => {
    if (t.startsWith('@')) return false;
    const name = isName(t, opening);
    opening = isMark(t);
    return name;
  });
  const found = new Map<string, Set<string>>();
  tokens.forEach((word, i) => {
    if (!/^\p{L}+$/u.test(word) || word.length < MIN_WORD_LETTERS || isFunctionWord(word)) return;
    const run: string[] = [];
    for (let j = i - 1; j >= 0 && j >= i - MAX_NAME_WORDS && names[j]; j--) run.push(normal(tokens[j]!));
    if (run.length === 0) return;
    const key = word.toLowerCase();
    const set = found.get(key) ?? new Set<string>();
    for (const n of run) set.add(n);
    found.set(key, set);
  });
  return found;
}

/** Merges the named words of several texts (an entry's examples, keywords, title and reply). */
export function namedWordsOf(texts: readonly string[]): Map<string, Set<string>> {
  const all = new Map<string, Set<string>>();
  for (const t of texts)
    for (const [word, names] of namedWords(t)) {
      const set = all.get(word) ?? new Set<string>();
      for (const n of names) set.add(n);
      all.set(word, set);
    }
  return all;
}

/**
 * Whether the mention names one of the entry's named words with none of the names the entry gives it
 * ("SEC Network" for a "Pac-12 Network" entry; "Fios lineup" shares a name with "Fios TV lineup").
 */
export function namesAnotherSubject(entryNames: ReadonlyMap<string, ReadonlySet<string>>, text: string): boolean {
  for (const [word, names] of namedWords(text)) {
    const own = entryNames.get(word);
    if (own && ![...names].some((n) => own.has(n))) return true;
  }
  return false;
}

/**
 * Days and seasons shops and brands run campaigns for. Customers write them in lower case ("cyber
 * monday sale?"), so they are found as phrases, not as capitalised names.
 */
const EVENTS: readonly (readonly string[])[] = [
  ['black', 'friday'],
  ['cyber', 'monday'],
  ['boxing', 'day'],
  ['prime', 'day'],
  ['singles', 'day'],
  ['small', 'business', 'saturday'],
  ['christmas'],
  ['xmas'],
  ['easter'],
  ['halloween'],
  ['thanksgiving'],
  ['new', 'year'],
  ['new', 'years'],
  ['valentine'],
  ['valentines'],
  ['mothers', 'day'],
  ['fathers', 'day'],
  ['back', 'to', 'school'],
  ['labor', 'day'],
  ['labour', 'day'],
  ['memorial', 'day'],
  ['super', 'bowl'],
  ['world', 'cup'],
  ['diwali'],
  ['ramadan'],
  ['eid'],
  ['lunar', 'new', 'year'],
  ['chinese', 'new', 'year'],
  ['summer', 'sale'],
  ['winter', 'sale'],
  ['spring', 'sale'],
  ['january', 'sale'],
  ['january', 'sales'],
];

/** The campaign days a text names, each as its words joined ("black friday"). */
export function namedEvents(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const found = new Set<string>();
  for (const event of EVENTS)
    for (let i = 0; i + event.length <= words.length; i++)
      if (event.every((w, j) => words[i + j] === w)) {
        found.add(event.join(' ').replace(/s$/, ''));
        break;
      }
  return found;
}

/**
 * Whether the mention is about another campaign day than the entry's: it names one or more, the entry's
 * texts name others and none of the mention's ("is there a cyber monday sale?" for a Black Friday entry).
 */
export function namesAnotherEvent(entryEvents: ReadonlySet<string>, text: string): boolean {
  const named = namedEvents(text);
  return entryEvents.size > 0 && named.size > 0 && ![...named].some((e) => entryEvents.has(e));
}
