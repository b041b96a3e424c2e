/**
 * Negations as customers write them, and where one turns a phrase around ("has not arrived", "never
 * came", "dont download"). Shared by the look-alike cues, the problem cues and the polar stems.
 */

/** A negation this close before a cue turns it around ("has not arrived", "never came"). */
const NEGATIONS = new Set(['not', 'no', 'never', 'nothing', 'none', 'nor', 'without', 'stopped', 'stop', 'stops']);
export const NEGATION_REACH = 3;

/** Negations as customers type them without the apostrophe ("dont download", "cant order"). */
const BARE_NEGATIONS = new Set([
  'cant',
  'cannot',
  'wont',
  'dont',
  'didnt',
  'doesnt',
  'hasnt',
  'havent',
  'isnt',
  'wasnt',
  'werent',
  'arent',
  'couldnt',
  'shouldnt',
  'wouldnt',
  'aint',
]);

export const isNegation = (token: string): boolean => NEGATIONS.has(token) || token.endsWith("n't") || BARE_NEGATIONS.has(token);

/** Whether a negation stands within reach before the token at `i` ("has not arrived"). */
export const negatedAt = (tokens: readonly string[], i: number): boolean =>
  tokens.slice(Math.max(0, i - NEGATION_REACH), i).some(isNegation);

/** Where a phrase of tokens starts in a text's tokens. */
export function findAt(tokens: readonly string[], phrase: readonly string[]): number[] {
  const at: number[] = [];
  for (let i = 0; i + phrase.length <= tokens.length; i++) if (phrase.every((w, j) => tokens[i + j] === w)) at.push(i);
  return at;
}
