import { detectAll } from 'tinyld';

/** The languages a brand's customers commonly write in; a short post is told apart among these only. */
const LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'sv', 'da', 'no', 'fi', 'pl', 'tr', 'ru', 'ar', 'ja', 'zh', 'ko', 'hi'];
// Handles, links and hashtags say nothing of the language and would mislead a short post's guess.
const NOISE = /(?:https?:\/\/\S{0,300}|[@#][\w.@-]{1,100})/gu;
/** A post's start is enough to tell its language (and keeps the cost flat for long ones). */
const SAMPLE_CHARS = 600;
const MIN_LETTERS = 6;
const SURE = 0.3;

/**
 * The language a customer wrote in (ISO 639-1), guessed locally (tinyld, no network), or null when
 * the text is too short to tell. Used for the console's language filter where the understanding has none.
 */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, SAMPLE_CHARS).replace(NOISE, ' ');
  if ((sample.match(/\p{L}/gu)?.length ?? 0) < MIN_LETTERS) return null;
  const [first, second] = detectAll(sample, { only: LANGUAGES });
  if (!first) return null;
  // A close second means a guess (short English posts often read as Dutch): no language rather than a wrong one.
  const clear = first.accuracy >= SURE || (first.accuracy >= 0.1 && first.accuracy >= 2 * (second?.accuracy ?? 0));
  return clear ? first.lang : null;
}
