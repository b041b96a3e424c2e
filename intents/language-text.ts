/**
 * What of a post tells its language, and the rule that turns a detector's ranking into a language or
 * "too short to tell". Shared by the service's detector (detect-language.ts) and the evaluation that
 * chose and tuned it (test/language-eval/language-eval.ts), so the figures measure what the service runs.
 */

/** One language a detector ranked, with its score (the detector's own scale; higher is surer). */
export interface RankedLanguage {
  lang: string;
  score: number;
}

/** When a ranking is sure enough to name a language; tuned on the evaluation's tune split only. */
export interface LanguageRule {
  /** Fewer letters than this (after handles, links, hashtags are gone): too short to tell. */
  minLetters: number;
  /** The first language's score must reach this... */
  minScore: number;
  /** ...and be this many times the second's (a close second means a guess)... */
  minRatio: number;
  /** ...unless it reaches this, sure whatever the second. */
  sureScore: number;
}

/** A post's start is enough to tell its language (and keeps the cost flat for long ones). */
export const SAMPLE_CHARS = 600;

// Handles, links, e-mail addresses and hashtags say nothing of the language (a brand's handle is
// often English) and mislead a short post's guess; digits and emoji carry no language either.
const NOISE = /(?:https?:\/\/\S{0,300}|www\.\S{0,300}|[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{1,100}|[@#＠＃][\p{L}\p{N}_.-]{1,100})/gu;
const LETTER = /\p{L}/gu;
// Kana are written in Japanese only, Hangul in Korean only: the script alone answers.
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;

/** The part of a post a detector should read, and how many letters it has. */
export function languageSample(text: string): { sample: string; letters: number } {
  const sample = text.slice(0, SAMPLE_CHARS).replace(NOISE, ' ').replace(/\s+/gu, ' ').trim();
  return { sample, letters: sample.match(LETTER)?.length ?? 0 };
}

/** The language a script alone names (Japanese kana, Korean Hangul), else null. */
export function scriptLanguage(sample: string): string | null {
  if (KANA.test(sample)) return 'ja';
  if (HANGUL.test(sample)) return 'ko';
  return null;
}

/** The first of a ranking when the rule says it is clear, else null ("too short to tell"). */
export function pickLanguage(ranked: readonly RankedLanguage[], letters: number, rule: LanguageRule): string | null {
  const [first, second] = ranked;
  if (!first || letters < rule.minLetters || first.score < rule.minScore) return null;
  return first.score >= rule.sureScore || first.score >= rule.minRatio * (second?.score ?? 0) ? first.lang : null;
}
