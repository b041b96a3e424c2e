import { contentStems } from './keyword-understander.js';
import { isNegation, NEGATION_REACH } from './negation.js';

/**
 * A text's content stems, split by whether a negation reaches them: in "my parcel has not arrived"
 * `arriv` is negated, in "my parcel arrived" it is plain. A word a look-alike uses ("the fix worked")
 * speaks against a mention only when the mention uses it the same way ("the fix does not work" is the
 * entry's problem, not the look-alike). A negation reaches the next few words of its clause.
 */
export interface PolarStems {
  plain: ReadonlySet<string>;
  negated: ReadonlySet<string>;
}

export function polarStems(text: string): PolarStems {
  const plain = new Set<string>();
  const negated = new Set<string>();
  const words = text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[@#][\w.]+/g, ' ')
    .matchAll(/[\p{L}\p{N}'’]+|[.,;:!?]/gu);
  let reach = 0;
  for (const [word] of words) {
    if (/^[.,;:!?]$/.test(word)) {
      reach = 0;
      continue;
    }
    const bare = word.replace(/['’]/g, '');
    if (isNegation(word.replace(/’/g, "'")) || isNegation(bare)) {
      reach = NEGATION_REACH;
      continue;
    }
    const into = reach > 0 ? negated : plain;
    if (reach > 0) reach--;
    for (const stem of contentStems(bare)) into.add(stem);
  }
  return { plain, negated };
}

/**
 * Whether a look-alike's word speaks against a text: a word the look-alike negates ("my podcasts won't
 * download") names another problem, however the text uses it; a word it uses plainly ("the fix
 * worked", "it arrived") only when the text does too (negated, "does not work", it is the problem).
 */
export const usedAlike = (word: string, text: PolarStems, lookalike: PolarStems): boolean =>
  lookalike.negated.has(word) ? text.plain.has(word) || text.negated.has(word) : text.plain.has(word);
