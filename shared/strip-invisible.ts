/**
 * Text from customers made safe to show or to post: without the invisible characters that can hide,
 * fake or reorder the text around them (`@\u202Eevil\u202C_rtl` reads "@live_rtl", a file name
 * reads "exe.png"). What people see is kept: emoji built with joiners, the joiners Arabic or Indic
 * scripts need, subdivision flags. Stored texts keep every character; this is for display and replies.
 *
 * The console has the same rules in handoff/console/public/visible-text.js (browser code, no build
 * step); test/shared/strip-invisible.test.ts checks that both agree.
 */

// C0 and C1 controls but tab and newline; soft hyphen, combining grapheme joiner, Arabic letter mark,
// Hangul fillers, Khmer inherent vowels, Mongolian vowel separator, zero-width space, LRM and RLM,
// bidi embeddings and overrides (LRE..RLO), word joiner, invisible operators, bidi isolates
// (LRI..PDI), deprecated format characters, byte order mark, interlinear annotations.
const INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]/g;
/** Tag characters are only visible as part of a subdivision flag (black flag, tags, cancel tag). */
const TAGS = /\u{1F3F4}[\u{E0020}-\u{E007E}]{1,32}\u{E007F}|[\u{E0000}-\u{E007F}]/gu;
const JOINERS = /[\u200C\u200D]/g;
const EMOJI_PART = /[\p{Extended_Pictographic}\u{FE0F}\u{1F3FB}-\u{1F3FF}]/u;
const EMOJI = /\p{Extended_Pictographic}/u;
/** Letters and marks of scripts that use joiners (not ASCII: a joiner between Latin letters only hides). */
const SCRIPT_LETTER = /[^\p{ASCII}](?<=[\p{L}\p{M}])/u;

function codePointBefore(text: string, index: number): string {
  const low = text.charCodeAt(index - 1);
  const pair = low >= 0xdc00 && low <= 0xdfff && index >= 2;
  return text.slice(pair ? index - 2 : index - 1, index);
}

function codePointAfter(text: string, index: number): string {
  const cp = text.codePointAt(index);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** A joiner is kept inside an emoji sequence (ZWJ) or between letters of a script that needs it. */
function keepJoiner(joiner: string, before: string, after: string): boolean {
  if (joiner === '\u200D' && EMOJI_PART.test(before) && EMOJI.test(after)) return true;
  return SCRIPT_LETTER.test(before) && SCRIPT_LETTER.test(after);
}

/** Lone surrogates (half an emoji, cut by someone) become U+FFFD, as toWellFormed does. */
const wellFormed = (text: string) => text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

export function stripInvisible(text: string): string {
  return wellFormed(text)
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(INVISIBLE, '')
    .replace(TAGS, (match) => (match.length > 2 ? match : ''))
    .replace(JOINERS, (joiner, offset: number, whole: string) =>
      keepJoiner(joiner, codePointBefore(whole, offset), codePointAfter(whole, offset + 1)) ? joiner : '',
    );
}
