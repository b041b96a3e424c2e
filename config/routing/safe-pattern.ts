import safeRegex from 'safe-regex2';

/** A rule's pattern is matched against this much of a post at most, so its cost stays bounded. */
export const PATTERN_INPUT_CHARS = 2_000;
export const PATTERN_MAX_LENGTH = 200;

/**
 * Why a rule's regular expression may not be used, or undefined when it may. Patterns run on the
 * thread that takes in mentions and no RE2 build is shipped: a pattern that can backtrack without
 * end (a quantifier inside a quantified group, a back-reference) is refused when the file is
 * checked, and every match reads at most PATTERN_INPUT_CHARS of the text.
 */
export function unsafePattern(source: string): string | undefined {
  if (source.length > PATTERN_MAX_LENGTH) return `a pattern is at most ${PATTERN_MAX_LENGTH} characters`;
  try {
    new RegExp(source, 'iu');
  } catch (err) {
    return `not a regular expression: ${(err as Error).message}`;
  }
  if (/\\[1-9]|\\k</.test(source)) return 'back-references can take exponential time: match the words instead';
  if (!safeRegex(source, { limit: 25 }))
    return 'a repeated group containing a repetition (like (a+)+) can stall the service: simplify the pattern';
  return undefined;
}

export const compilePattern = (source: string): RegExp => new RegExp(source, 'iu');
