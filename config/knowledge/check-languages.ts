import type { Knowledge, Reply } from './schema.js';

/** One text of a reply given once or per language, with the path of where it stands in the file. */
export interface PlacedScript {
  language: string;
  /** `default`, or the channel whose variant it is. */
  variant: string;
  script: string;
  path: (string | number)[];
  /** The language's other variants (a `default` script is posted on every channel without its own). */
  variants: string[];
}

/** Every text of a value given per language (`replies`, `courtesies`, `acknowledgements`) and where it stands. */
export function placedScripts(value: Record<string, Reply>, perLanguage: boolean, at: (string | number)[]): PlacedScript[] {
  return Object.entries(value).flatMap(([language, reply]) => {
    const base = perLanguage ? [...at, language] : at;
    if (typeof reply === 'string') return [{ language, variant: 'default', script: reply, path: base, variants: ['default'] }];
    const variants = Object.keys(reply);
    return Object.entries(reply).map(([variant, script]) => ({ language, variant, script, path: [...base, variant], variants }));
  });
}

type Add = (level: 'error' | 'warning', path: (string | number)[], message: string) => void;

/**
 * Texts missing in a language the file answers in: not errors (the bot then hands off or stays
 * quiet rather than answer in another language), but each one is mentions a person answers.
 */
export function checkLanguageCoverage(knowledge: Knowledge, minExamples: number, add: Add): void {
  const [main, ...others] = knowledge.languages;
  for (const language of others) {
    if (!(language in knowledge.acknowledgements))
      add(
        'warning',
        ['acknowledgement'],
        `no acknowledgement in ${language}: a mention in ${language} that a person answers is acknowledged in ${main}`,
      );
    if (Object.keys(knowledge.courtesies).length > 0 && !(language in knowledge.courtesies))
      add('warning', ['courtesy'], `no courtesy reply in ${language}: a thanks in ${language} gets no reply`);
    if (Object.keys(knowledge.after_hours).length > 0 && !(language in knowledge.after_hours))
      add(
        'warning',
        ['after_hours'],
        `no after-hours text in ${language}: outside business hours a mention in ${language} gets the acknowledgement, without when a person answers`,
      );
    knowledge.entries.forEach((entry, i) => {
      if (!(language in entry.replies)) {
        add('warning', ['entries', i, 'reply'], `no reply in ${language}: a mention in ${language} about this is handed to a person`);
        return;
      }
      const examples = entry.examples_in[language] ?? [];
      if (examples.length < minExamples)
        add(
          'warning',
          ['entries', i, 'examples', ...(entry.per_language.includes('examples') && examples.length ? [language] : [])],
          `only ${examples.length} example phrasing${examples.length === 1 ? '' : 's'} in ${language}: give at least ${minExamples} so customers' own wordings in ${language} are recognised`,
        );
    });
  }
}
