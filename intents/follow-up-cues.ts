import { tokenize } from './features/tokenize.js';

/**
 * Whether a mention reads as a follow-up on something already under way: the earlier answer did not
 * help ("still not working", "didn't work", "same problem"), or the customer is waiting ("any
 * update?", "heard nothing"). Such a mention means little alone; the turn reads it with the thread's
 * earlier mentions. Phrases are matched on tokens (linear in the text). Written for this project.
 */
const FOLLOW_UP_PHRASES: readonly (readonly string[])[] = [
  ['still'],
  ['any', 'update'],
  ['any', 'updates'],
  ['any', 'news'],
  ['any', 'word'],
  ['any', 'luck'],
  ['an', 'update'],
  ['no', 'luck'],
  ['no', 'change'],
  ['no', 'difference'],
  ['nothing', 'changed'],
  ['heard', 'nothing'],
  ['no', 'answer'],
  ['no', 'reply'],
  ['no', 'response'],
  ["didn't", 'work'],
  ['didnt', 'work'],
  ['did', 'not', 'work'],
  ["doesn't", 'work'],
  ['doesnt', 'work'],
  ['does', 'not', 'work'],
  ["didn't", 'help'],
  ['didnt', 'help'],
  ['did', 'not', 'help'],
  ["doesn't", 'help'],
  ['not', 'working'],
  ['not', 'fixed'],
  ['not', 'solved'],
  ['not', 'resolved'],
  ['same', 'problem'],
  ['same', 'issue'],
  ['same', 'thing'],
  ['same', 'error'],
  ['happened', 'again'],
  ['happening', 'again'],
  ['again', 'today'],
  ['tried', 'that'],
  ['tried', 'everything'],
  ['already', 'tried'],
  ['already', 'did'],
  ['already', 'done'],
  ['waiting'],
  ['been', 'waiting'],
  ['how', 'long'],
  ['follow', 'up'],
  ['following', 'up'],
];

const FIRST_WORDS = new Map<string, (readonly string[])[]>();
for (const p of FOLLOW_UP_PHRASES) {
  const list = FIRST_WORDS.get(p[0]!) ?? [];
  list.push(p);
  FIRST_WORDS.set(p[0]!, list);
}

/** Every follow-up phrase found, in text order (e.g. ["still", "not working"]). */
export function followUpCues(text: string): string[] {
  const tokens = tokenize(text);
  const found: string[] = [];
  tokens.forEach((t, i) => {
    for (const p of FIRST_WORDS.get(t) ?? []) if (p.every((w, j) => tokens[i + j] === w)) found.push(p.join(' '));
  });
  return found;
}

export const isFollowUp = (text: string): boolean => followUpCues(text).length > 0;
