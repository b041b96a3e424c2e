import { eld } from 'eld/small';
import { languageSample, pickLanguage, scriptLanguage, type LanguageRule, type RankedLanguage } from './language-text.js';

/** The languages a brand's customers commonly write in; a short post is told apart among these only. */
export const LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'sv', 'da', 'no', 'fi', 'pl', 'tr', 'ru', 'ar', 'ja', 'zh', 'ko', 'hi'];

/**
 * Tuned with `npm run eval:language` on the tune split of intents/eval/datasets/language-posts.jsonl
 * (docs/benchmarks.md has the held-out figures): the most right answers, a wrong language costing three.
 */
export const LANGUAGE_RULE: LanguageRule = { minLetters: 3, minScore: 0, minRatio: 1.25, sureScore: 0.7 };

eld.setLanguageSubset([...LANGUAGES]);

/** eld's ranking among LANGUAGES, surest first. */
export function rankLanguages(sample: string): RankedLanguage[] {
  const scores = eld.detect(sample).getScores();
  return Object.keys(scores)
    .map((lang) => ({ lang, score: scores[lang]! }))
    .sort((a, b) => b.score - a.score);
}

/**
 * The language a customer wrote in (ISO 639-1), guessed locally (eld's small database, no network), or null when
 * the text is too short to tell. The turn records it with the decision; search falls back to it.
 */
export function detectLanguage(text: string): string | null {
  const { sample, letters } = languageSample(text);
  const byScript = scriptLanguage(sample);
  if (byScript) return byScript;
  if (letters < LANGUAGE_RULE.minLetters) return null;
  return pickLanguage(rankLanguages(sample), letters, LANGUAGE_RULE);
}
