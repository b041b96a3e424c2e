import type { PostLimit } from './channel-limits.js';
import { placedScripts } from './check-languages.js';
import type { Knowledge } from './schema.js';

/** The {{variables}} a script uses. */
export function variables(script: string): string[] {
  return [...script.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]!);
}

/** The courtesy reply: {{author}} is its only variable, and each variant fits the channels it is posted on. */
export function checkCourtesy(
  knowledge: Knowledge,
  limits: Record<string, PostLimit>,
  longest: (script: string, vars: Record<string, string>, channel: string) => number,
  add: (level: 'error' | 'warning', path: (string | number)[], message: string) => void,
): void {
  for (const { variant, script, path: where, language, variants } of placedScripts(
    knowledge.courtesies,
    knowledge.per_language.includes('courtesy'),
    ['courtesy'],
  )) {
    for (const name of variables(script)) {
      if (name !== 'author') add('error', where, `unknown variable {{${name}}}: the courtesy reply may use {{author}} only`);
    }
    const channels =
      variant !== 'default' ? (variant in limits ? [variant] : []) : Object.keys(limits).filter((c) => !variants.includes(c));
    for (const channel of channels) {
      const length = longest(script, {}, channel);
      if (length > limits[channel]!.maxLength)
        add(
          'error',
          where,
          `courtesy${language === knowledge.languages[0] ? '' : ` in ${language}`} is ${length} characters on ${channel} once filled in (limit ${limits[channel]!.maxLength}, its tone included): shorten it or add a ${channel} variant`,
        );
    }
  }
}
