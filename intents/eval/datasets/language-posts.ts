import fs from 'node:fs';

/** One post of the language set: its language (ISO 639-1, or und: none, too short to tell) and split (tune: thresholds; heldout: the figures). */
export interface LanguagePost {
  id: string;
  lang: string;
  split: 'tune' | 'heldout';
  text: string;
}

/** The set in the repository (texts written for it; see language-posts.md), from the repository's root. */
export const LANGUAGE_POSTS = 'intents/eval/datasets/language-posts.jsonl';

export function loadLanguagePosts(file: string): LanguagePost[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const p = JSON.parse(line) as Partial<LanguagePost>;
      if (typeof p.text !== 'string' || typeof p.lang !== 'string' || (p.split !== 'tune' && p.split !== 'heldout')) {
        throw new Error(`${file}:${i + 1}: expected {id, lang, split: tune|heldout, text}`);
      }
      return { id: p.id ?? String(i + 1), lang: p.lang, split: p.split, text: p.text };
    });
}
