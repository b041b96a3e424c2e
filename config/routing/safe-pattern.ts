import { RE2JS } from 're2js';
import safeRegex from 'safe-regex2';

/** A rule's pattern is matched against this much of a post at most, so its cost stays bounded. */
export const PATTERN_INPUT_CHARS = 2_000;
export const PATTERN_MAX_LENGTH = 200;

/** A compiled rule pattern: whether it occurs in a text (any case). */
export interface RulePattern {
  test(text: string): boolean;
}

/**
 * Why a rule's regular expression may not be used, or undefined when it may. Patterns run on the
 * thread that takes in mentions, on customers' texts: they are matched by RE2's linear-time engine
 * (re2js, plain JavaScript), since no static check catches every pattern a backtracking engine
 * stalls on (`(a|a)*$` took minutes on 30 characters, `.*.*.*x` as long on 2,000). What RE2 cannot
 * run (look-arounds, back-references) is refused, and so are nested repetitions, kept simple to read.
 */
export function unsafePattern(source: string): string | undefined {
  if (source.length > PATTERN_MAX_LENGTH) return `a pattern is at most ${PATTERN_MAX_LENGTH} characters`;
  try {
    new RegExp(source, 'iu');
  } catch (err) {
    return `not a regular expression: ${(err as Error).message}`;
  }
  if (/\\[1-9]|\\k</.test(source)) return 'back-references can take exponential time: match the words instead';
  try {
    RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
  } catch (err) {
    return `not a pattern the linear-time matcher runs (no look-arounds): ${(err as Error).message}`;
  }
  if (!safeRegex(source, { limit: 25 }))
    return 'a repeated group containing a repetition (like (a+)+) can stall the service: simplify the pattern';
  return undefined;
}

export const compilePattern = (source: string): RulePattern => {
  const re = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
  return { test: (text) => re.test(text) };
};
