// How long a reply is as its platform counts it, so the reply box can show what is left.
//
// `limits` comes with each thread from the API: { maxLength, weighted, urlLength }.
// - weighted (X): as twitter-text v3 counts: text normalised to NFC, a link counts `urlLength`, an
//   emoji (a whole sequence, flags and families included) counts 2, a code point in the Latin and
//   common-punctuation ranges counts 1, any other code point 2.
// - otherwise: user-perceived characters (graphemes), as the server's countGraphemes, with links
//   counting `urlLength` when the platform shortens them (Mastodon).

const LIGHT_RANGES = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];
const TLDS =
  'com|org|net|edu|gov|io|co|ai|app|dev|me|info|biz|us|uk|ca|au|de|fr|es|it|nl|eu|be|ch|at|se|no|dk|fi|pl|pt|ie|jp|in|br|ly|gl|gg|tv|to|shop|store|online|site';
// A link: with a scheme, from www., or a bare domain under a common top-level domain.
const LINK = `(?:https?:\\/\\/[^\\s]+|www\\.[^\\s]+|(?<![\\w@.])(?:[a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?\\.)+(?:${TLDS})(?![\\w\\-])(?:\\/[^\\s]*)?)`;
// Built on first use: the emoji property of strings is costly to compile, and the page's first
// paint does not need it.
let token = null;
const tokens = () => (token ??= new RegExp(`(${LINK})|(\\p{RGI_Emoji})|([^])`, 'giv'));
const TRAILING_PUNCTUATION = /[.,;:!?)\]'"]+$/;
let segmenter;

function weightOf(codePoint) {
  return LIGHT_RANGES.some(([start, end]) => codePoint >= start && codePoint <= end) ? 1 : 2;
}

function graphemes(text) {
  segmenter ??= typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
  if (!segmenter) return [...text].length;
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

/** The length of `text` on a platform with these limits. */
export function measure(text, limits) {
  const urlLength = limits.urlLength ?? (limits.weighted ? 23 : null);
  const normalized = limits.weighted ? text.normalize('NFC') : text;
  if (!limits.weighted && urlLength === null) return graphemes(normalized);
  let length = 0;
  let plain = '';
  for (const match of normalized.matchAll(tokens())) {
    const [, link, emoji, other] = match;
    if (link !== undefined && urlLength !== null) {
      // Closing punctuation after a link is not part of it.
      const tail = link.match(TRAILING_PUNCTUATION)?.[0] ?? '';
      length += urlLength;
      plain += tail;
    } else if (limits.weighted) {
      if (emoji !== undefined) length += 2;
      else for (const ch of link ?? other) length += weightOf(ch.codePointAt(0));
    } else {
      plain += link ?? emoji ?? other;
    }
  }
  if (limits.weighted) {
    for (const ch of plain) length += weightOf(ch.codePointAt(0));
    return length;
  }
  return length + graphemes(plain);
}

/** Characters left in one post (negative when over). */
export function remaining(text, limits) {
  return limits.maxLength - measure(text, limits);
}

/**
 * How many posts the server will send this reply as: it splits between words, greedily, as
 * shared/fit-to-channel.ts does (a single word longer than a post is cut).
 */
export function postsNeeded(text, limits) {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean === '') return 0;
  if (measure(clean, limits) <= limits.maxLength) return 1;
  let posts = 0;
  let current = '';
  for (const word of clean.split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (measure(candidate, limits) <= limits.maxLength) {
      current = candidate;
      continue;
    }
    if (current) posts++;
    const size = measure(word, limits);
    if (size <= limits.maxLength) {
      current = word;
    } else {
      posts += Math.ceil(size / limits.maxLength) - 1;
      current = 'x'.repeat(size % limits.maxLength || limits.maxLength);
    }
  }
  return current ? posts + 1 : posts;
}
