import { countGraphemes } from '../../../shared/graphemes.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Mastodon sends a status as sanitised HTML: paragraphs and line breaks become text lines. */
export function statusHtmlToText(html: string): string {
  return withoutTags(html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>\s*<p>/gi, '\n\n'))
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
      if (code[0] === '#') {
        const n = code[1]?.toLowerCase() === 'x' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
        // A number past the last code point is left as written (String.fromCodePoint would throw).
        return Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
      }
      return ENTITIES[code.toLowerCase()] ?? whole;
    })
    .trim();
}

/**
 * Every "<...>" taken out, as /<[^>]*>/g would, in linear time: that regex is quadratic on a
 * long run of "<" with no ">" after it.
 */
function withoutTags(html: string): string {
  let text = '';
  let from = 0;
  for (;;) {
    const open = html.indexOf('<', from);
    const close = open < 0 ? -1 : html.indexOf('>', open + 1);
    if (close < 0) return text + html.slice(from);
    text += html.slice(from, open);
    from = close + 1;
  }
}

const URL_RE = /https?:\/\/\S+/g;
const REMOTE_MENTION_RE = /(@[\w.-]+)@[\w.-]+\.[a-z]{2,}/gi;

/**
 * Length as Mastodon counts it: graphemes, every link as 23, a remote mention by its local part.
 */
export function mastodonLength(text: string): number {
  return countGraphemes(text.replace(URL_RE, 'x'.repeat(23)).replace(REMOTE_MENTION_RE, '$1'));
}
