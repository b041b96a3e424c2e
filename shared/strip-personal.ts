import { stripInvisible } from './strip-invisible.js';

/**
 * A customer's words made fit to keep as a knowledge example: no handles, links, email addresses or
 * phone numbers (they name people, or would teach the model one customer's details), no invisible
 * characters, the spaces left behind squeezed. What remains is the question itself.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const LINK = /\b(?:https?:\/\/|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|io|co|ly|me|gl|app|info|biz|uk|de|fr)(?:\/\S*)?/giu;
const HANDLE = /(?<![\p{L}\p{N}_])[@＠][\p{L}\p{N}_.]+/gu;
// A run of digits with the usual separators, at least seven digits in all: phone numbers, not prices or years.
const PHONE = /(?<![\p{L}\p{N}])\+?\(?\d[\d\s().-]{5,}\d(?![\p{L}\p{N}])/gu;

const digits = (s: string) => s.replace(/\D/g, '').length;

/**
 * Characters of a text that are read: the e-mail and link patterns try every start against the rest of
 * a run, so their time grows with the square of a long run's length (a 50,000-character post held the
 * event loop for seconds when an agent marked a suggestion). The text is cut between words, so no
 * half of an address or number is kept.
 */
export const STRIPPED_CHARS = 4_000;

function readPart(text: string): string {
  if (text.length <= STRIPPED_CHARS) return text;
  const cut = text.slice(0, STRIPPED_CHARS + 1);
  const lastSpace = cut.search(/\s\S*$/);
  return lastSpace > 0 ? cut.slice(0, lastSpace) : '';
}

export function stripPersonal(text: string): string {
  return stripInvisible(readPart(text))
    .replace(EMAIL, ' ')
    .replace(LINK, ' ')
    .replace(HANDLE, ' ')
    .replace(PHONE, (m) => (digits(m) >= 7 ? ' ' : m))
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.!?;:])/g, '$1')
    .replace(/^[\s,.;:]+/, '')
    .trim();
}
