import { z } from 'zod';

/**
 * The knowledge file's languages: which the bot answers in (`languages`, the first the default), and
 * texts given once for the default language or per language (`en: ..., es: ...`). A plain value
 * (a text, a list, a `default:` plus channels map) is the default language's, as files were written
 * before languages existed.
 */

/** ISO 639-1 (two letters), as the language detector names languages; three letters for ISO 639-3. */
export const languageCodeSchema = z.string().regex(/^[a-z]{2,3}$/, 'a language is a code such as en, es or de (ISO 639-1)');

/** `inner`, or one `inner` per language. */
export const perLanguage = <T extends z.ZodType>(inner: T, what: string, required = `${what} is required`) =>
  z.union([inner, z.record(languageCodeSchema, inner)], {
    error: (issue) => (issue.input === undefined ? required : `expected ${what}, or one per language (en: ..., es: ...), each ${what}`),
  });

/** Whether a value is a per-language map rather than one value: a map (not a list) of language codes only. */
export function isPerLanguage(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && !('default' in value) && keys.every((k) => languageCodeSchema.safeParse(k).success);
}

/** A value given once or per language, as a map from language (the plain value is `fallback`'s). */
export function byLanguage<T>(value: T | Record<string, T> | undefined, fallback: string): Record<string, T> {
  if (value === undefined) return {};
  return isPerLanguage(value) ? (value as Record<string, T>) : { [fallback]: value as T };
}

/** A language-keyed map's keys that the file does not declare under `languages`: never used. */
export function undeclared(map: Record<string, unknown>, languages: readonly string[]): string[] {
  return Object.keys(map).filter((k) => !languages.includes(k));
}

export const undeclaredMessage = (language: string, languages: readonly string[]) =>
  `"${language}" is not in languages (${languages.join(', ')}): add it there, or remove this`;
