import { defaultLanguage } from '../../config/knowledge/language-scripts.js';
import type { Knowledge } from '../../config/knowledge/schema.js';
import { detectLanguage } from '../../intents/detect-language.js';
import { languageOfFileWords } from './file-vocabulary.js';

/** The language a mention is answered in, decided once per turn. */
export interface MentionLanguage {
  /** The language the customer wrote in, as far as it can be told (else the file's default). */
  language: string;
  /** How it was told: the file's own words, the detector, a word only one language has, the author's earlier post in the thread, or nothing (the default). */
  by: 'file_words' | 'detected' | 'word' | 'thread' | 'default';
  /** The detector's answer on the text (null: too short to tell), when it was asked: not asked again. */
  detected?: string | null;
}

/**
 * Short words that name their language on their own, for posts too short for the detector ("gracias!",
 * "danke"). Only words no other listed language writes the same way.
 */
const TELLING_WORDS: Record<string, readonly string[]> = {
  en: ['thanks', 'thank', 'thx', 'hello', 'please', 'cheers'],
  es: ['gracias', 'hola', 'vale', 'ayuda', 'pedido'],
  fr: ['merci', 'bonjour', 'salut', 'oui', 'aide'],
  de: ['danke', 'hallo', 'bitte', 'hilfe', 'ja'],
  it: ['grazie', 'ciao', 'aiuto'],
  pt: ['obrigado', 'obrigada', 'olá', 'ajuda'],
  nl: ['bedankt', 'dankjewel', 'hoi'],
};

const SHORT_POST_WORDS = 3;
const wordCount = (text: string) =>
  text
    .replace(/[@#][\w.]{1,100}|https?:\/\/\S{0,2000}/g, ' ')
    .split(/[^\p{L}]+/u)
    .filter(Boolean).length;

function tellingWord(text: string): string | undefined {
  const words = new Set(text.toLowerCase().split(/[^\p{L}]+/u));
  const found = Object.entries(TELLING_WORDS).filter(([, list]) => list.some((w) => words.has(w)));
  // Two languages' words in one post tell nothing.
  return found.length === 1 ? found[0]![0] : undefined;
}

/**
 * The mention's language. Written mostly in the file's own words in one language it answers in:
 * that language (a detector guesses a few words badly, "parcel late" reads as Dutch). Else the
 * detector's, whenever it can tell (even a language the file does not answer in: such a mention is
 * never answered, only acknowledged). A post too short to tell takes
 * the language of a word only one language writes, else that of the author's latest earlier post in
 * the thread that can be told, else the file's default language: a short post without any signal
 * ("ok", "👍") reads the same in every language.
 */
export function mentionLanguage(knowledge: Knowledge, text: string, earlierByAuthor: readonly string[] = []): MentionLanguage {
  const fileWords = languageOfFileWords(knowledge, text);
  if (fileWords) return { language: fileWords, by: 'file_words' };
  // On a post of a few words a detector guesses ("vale" is Spanish and Portuguese): a word only one
  // language writes says more.
  const word = tellingWord(text);
  if (word && wordCount(text) <= SHORT_POST_WORDS) return { language: word, by: 'word' };
  const detected = detectLanguage(text);
  if (detected) return { language: detected, by: 'detected', detected };
  if (word) return { language: word, by: 'word', detected };
  for (const earlier of [...earlierByAuthor].reverse()) {
    const language = detectLanguage(earlier);
    if (language) return { language, by: 'thread', detected };
  }
  return { language: defaultLanguage(knowledge), by: 'default', detected };
}
