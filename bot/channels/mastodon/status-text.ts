import { countGraphemes } from '../../outbox/fit-to-channel.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Mastodon sends a status as sanitised HTML: paragraphs and line breaks become text lines. */
export function statusHtmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
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

const URL_RE = /https?:\/\/\S+/g;
const REMOTE_MENTION_RE = /(@[\w.-]+)@[\w.-]+\.[a-z]{2,}/gi;

/**
 * Length as Mastodon counts it: graphemes, every link as 23, a remote mention by its local part.
 */
export function mastodonLength(text: string): number {
  return countGraphemes(text.replace(URL_RE, 'x'.repeat(23)).replace(REMOTE_MENTION_RE, '$1'));
}
