import type { Knowledge, Reply } from '../../config/knowledge/schema.js';

/** Words this short (no, la, is, de) are written alike in too many languages to tell one. */
const MIN_LETTERS = 3;
/** The share of a mention's words a language's vocabulary must hold to read the mention as that language. */
const MOST = 2 / 3;

const wordsOf = (text: string): string[] =>
  text
    .replace(/https?:\/\/\S+|[@#][\w.]+|\{\{[^}]*\}\}/g, ' ')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((w) => [...w].length >= MIN_LETTERS);

const replyTexts = (reply: Reply | undefined): string[] =>
  reply === undefined ? [] : typeof reply === 'string' ? [reply] : Object.values(reply);

const vocabularies = new WeakMap<Knowledge, Map<string, Set<string>>>();

/**
 * The words the file itself writes in each language it answers in: examples, replies, the
 * acknowledgement and courtesy reply; keywords count as the default language's. Built once per version.
 */
function vocabulary(knowledge: Knowledge): Map<string, Set<string>> {
  const known = vocabularies.get(knowledge);
  if (known) return known;
  const [main] = knowledge.languages;
  const built = new Map<string, Set<string>>();
  for (const language of knowledge.languages) {
    const texts = [
      knowledge.acknowledgements[language] ?? '',
      ...replyTexts(knowledge.courtesies[language]),
      ...knowledge.entries.flatMap((e) => [
        ...(language === main ? [...e.examples, ...e.keywords, e.title] : (e.examples_in[language] ?? [])),
        ...replyTexts(e.replies[language]),
      ]),
    ];
    built.set(language, new Set(texts.flatMap(wordsOf)));
  }
  vocabularies.set(knowledge, built);
  return built;
}

/**
 * The language the file's own words say a mention is in: the one whose vocabulary holds most of
 * the mention's words (at least two in three), and more of them than any other's. A short post in
 * the file's words ("parcel late") is the file's language whatever a detector guessed from a few letters.
 */
export function languageOfFileWords(knowledge: Knowledge, text: string): string | undefined {
  const words = wordsOf(text);
  if (words.length === 0) return undefined;
  const shares = [...vocabulary(knowledge)]
    .map(([language, known]) => ({ language, share: words.filter((w) => known.has(w)).length / words.length }))
    .sort((a, b) => b.share - a.share);
  const [best, next] = shares;
  return best && best.share >= MOST && best.share > (next?.share ?? 0) ? best.language : undefined;
}
