import { contentStems } from './keyword-understander.js';
import { BUILTIN_INTENTS, builtinTopics } from './builtin-intents.js';
import { BACKGROUND_PHRASES } from './background-phrases.js';
import { LOOKALIKE_PHRASES } from './lookalike-phrases.js';

/**
 * What the shipped phrasings (built-in topics, background and look-alike phrasings) say about words:
 * which are generic (customers write them about anything), which name one subject topic, and which
 * sets of words read as one shipped phrasing. The entry verifier (entry-verifier.ts) reads them.
 */

/** Telling words of one shipped phrasing that make a mention read as that phrasing rather than the entry. */
export const SHIPPED_PHRASING_OVERLAP = 2;

/** Used by this many of the shipped background phrasings, a word is what customers write about anything. */
const GENERIC_USES = 2;

/** Function words (as stems) long enough to pass for content: they never tell a look-alike apart. */
const FUNCTION_WORDS = [
  'over',
  'into',
  'about',
  'after',
  'befor',
  'then',
  'than',
  'there',
  'while',
  'would',
  'could',
  'should',
  'onli',
  'some',
  'also',
  'even',
  'cannot',
];

/** Content stems the shipped built-in intents' and background phrasings use again and again ("order", "item"). */
export const GENERIC_WORDS: ReadonlySet<string> = (() => {
  const uses = new Map<string, number>();
  for (const text of [...Object.values(BUILTIN_INTENTS), ...Object.values(BACKGROUND_PHRASES)].flat())
    for (const w of new Set(contentStems(text))) uses.set(w, (uses.get(w) ?? 0) + 1);
  return new Set([...[...uses].filter(([, n]) => n >= GENERIC_USES).map(([w]) => w), ...FUNCTION_WORDS]);
})();

/** A word this long or longer, not a function word, can tell a topic apart. */
const telling = (w: string) => w.length >= 4 && !FUNCTION_WORDS.includes(w);

/** The telling words of each shipped phrasing of what a mention may be about instead (built-in topics, background, look-alikes). */
const SHIPPED_PHRASINGS: readonly ReadonlySet<string>[] = Object.values({ ...builtinTopics(), ...BACKGROUND_PHRASES, ...LOOKALIKE_PHRASES })
  .flat()
  .map((t) => new Set(contentStems(t).filter(telling)))
  .filter((w) => w.size >= SHIPPED_PHRASING_OVERLAP);

/** Built-in topics that name a subject (greetings, thanks and spam are ways of writing, not subjects). */
const SUBJECT_TOPICS = ['delivery', 'refund', 'cancel', 'account', 'billing'];

/**
 * Words only one subject topic's phrasings use, and at least twice, of all shipped phrasings ("return",
 * "password", "invoice"): alone they say what a mention is about ("can I still return my iPhone X" is a
 * refund question, not one for an iPhone X launch entry that never says "return").
 */
const SUBJECT_WORDS: ReadonlySet<string> = (() => {
  const uses = new Map<string, Map<string, number>>();
  for (const [label, texts] of Object.entries({ ...builtinTopics(), ...BACKGROUND_PHRASES, ...LOOKALIKE_PHRASES }))
    for (const text of texts)
      for (const w of new Set(contentStems(text).filter(telling))) {
        const byLabel = uses.get(w) ?? new Map<string, number>();
        byLabel.set(label, (byLabel.get(label) ?? 0) + 1);
        uses.set(w, byLabel);
      }
  const only = [...uses].filter(([, byLabel]) => byLabel.size === 1);
  return new Set(only.filter(([, byLabel]) => [...byLabel].some(([l, n]) => SUBJECT_TOPICS.includes(l) && n >= 2)).map(([w]) => w));
})();

/**
 * Whether the mention uses a subject word (above) or this many telling words of one shipped phrasing that the entry's own texts
 * (examples, keywords, title, reply) never use: "I forgot my password and the reset email never
 * arrives" reads as the built-in account phrasing, not as a sign-in-code entry that never says "reset".
 */
export function usesShippedPhrasing(wording: ReadonlySet<string> | undefined, words: ReadonlySet<string>): boolean {
  const novel = [...words].filter((w) => telling(w) && !wording?.has(w));
  if (novel.some((w) => SUBJECT_WORDS.has(w))) return true;
  if (novel.length < SHIPPED_PHRASING_OVERLAP) return false;
  return SHIPPED_PHRASINGS.some((p) => novel.filter((w) => p.has(w)).length >= SHIPPED_PHRASING_OVERLAP);
}
