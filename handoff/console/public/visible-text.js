// Customer text as the console shows it: without the invisible characters that can hide, fake or
// reorder the text around them ("@\u202Eevil\u202C_rtl" would read "@live_rtl"). Emoji built with
// joiners, the joiners Arabic or Indic scripts need and subdivision flags are kept.
// The same rules as shared/strip-invisible.ts (test/shared/strip-invisible.test.ts checks both agree).

const INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]/g;
const TAGS = /\u{1F3F4}[\u{E0020}-\u{E007E}]{1,32}\u{E007F}|[\u{E0000}-\u{E007F}]/gu;
const JOINERS = /[\u200C\u200D]/g;
const EMOJI_PART = /[\p{Extended_Pictographic}\u{FE0F}\u{1F3FB}-\u{1F3FF}]/u;
const EMOJI = /\p{Extended_Pictographic}/u;
const SCRIPT_LETTER = /[^\p{ASCII}](?<=[\p{L}\p{M}])/u;

function codePointBefore(text, index) {
  const low = text.charCodeAt(index - 1);
  const pair = low >= 0xdc00 && low <= 0xdfff && index >= 2;
  return text.slice(pair ? index - 2 : index - 1, index);
}

function codePointAfter(text, index) {
  const cp = text.codePointAt(index);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

function keepJoiner(joiner, before, after) {
  if (joiner === '\u200D' && EMOJI_PART.test(before) && EMOJI.test(after)) return true;
  return SCRIPT_LETTER.test(before) && SCRIPT_LETTER.test(after);
}

// Lone surrogates shown as U+FFFD (String.prototype.toWellFormed is too new for some browsers).
const wellFormed = (text) => text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

export function stripInvisible(text) {
  return wellFormed(String(text))
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(INVISIBLE, '')
    .replace(TAGS, (match) => (match.length > 2 ? match : ''))
    .replace(JOINERS, (joiner, offset, whole) =>
      keepJoiner(joiner, codePointBefore(whole, offset), codePointAfter(whole, offset + 1)) ? joiner : '',
    );
}
