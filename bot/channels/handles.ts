import { stripInvisible } from '../../shared/strip-invisible.js';
import { segmentGraphemes } from '../../shared/graphemes.js';

/**
 * Who wrote a mention, as each platform's own rules allow it to be written. Channels check handles
 * with these before a mention is stored (a handle the platform could not have sent means a forged or
 * broken delivery); replies check the stored author again before it goes into public text.
 */

/** X: 1 to 15 letters, digits or underscores. */
export const X_SCREEN_NAME = /^[A-Za-z0-9_]{1,15}$/;
/** Instagram: up to 30 letters, digits, periods and underscores. */
export const INSTAGRAM_USERNAME = /^[A-Za-z0-9._]{1,30}$/;
const HOST_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
/** Mastodon (and the fediverse): `user` on the brand's instance, `user@domain` from another. */
export const MASTODON_ACCT = new RegExp(
  `^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?(?:@(?=.{1,253}$)${HOST_LABEL}(?:\\.${HOST_LABEL})+)?$`,
);
/** Bluesky (AT Protocol): a domain name, the last label not starting with a digit, at most 253 characters. */
export const BLUESKY_HANDLE = new RegExp(`^(?=.{1,253}$)(?:${HOST_LABEL}\\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`);
/** AT Protocol DIDs (did:plc:..., did:web:...). */
export const DID = /^did:[a-z]+:[A-Za-z0-9._:%-]{1,2000}$/;

/** The word a reply uses instead of a name it cannot safely repeat ("Hi there"). */
export const UNNAMED = 'there';

const DISPLAY_NAME_MAX = 64;
/** Of a display name, only this much is read: a megabyte of name from a platform costs no more than a long one. */
const RAW_NAME_CHARS = 4096;

/**
 * A free-text display name (Facebook, Teams...) as it is stored: without invisible characters,
 * spaces collapsed, at most 64 characters; undefined when nothing visible is left.
 */
export function displayName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const clean = stripInvisible(raw.slice(0, RAW_NAME_CHARS)).replace(/\s+/g, ' ').trim();
  if (!clean) return undefined;
  let out = '';
  let n = 0;
  for (const { segment } of segmentGraphemes(clean)) {
    if (++n > DISPLAY_NAME_MAX) break;
    out += segment;
  }
  return out.trim();
}

/**
 * An author given as text (the sandbox): visible characters only (no invisible, bidi or control
 * characters, no line breaks), no spaces around it, at most 64 characters.
 */
export function isVisibleName(name: string): boolean {
  if (!name || name !== name.trim() || /[\t\n]/.test(name) || stripInvisible(name) !== name) return false;
  let n = 0;
  for (const _ of segmentGraphemes(name)) if (++n > DISPLAY_NAME_MAX) return false;
  return true;
}

/**
 * A name safe to greet someone with in public: letters, digits and a few joining marks, short, and
 * nothing a platform turns into a link (no `phish.example`, no `https://`, no second @handle).
 */
const SAFE_NAME = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N} '’,.-]{0,38}[\p{L}\p{M}\p{N}.])?$/u;
const LINK_LIKE = /\.[\p{L}\p{N}]/u;
const isSafeName = (name: string) => SAFE_NAME.test(name) && !LINK_LIKE.test(name) && !name.includes('  ');

const GENERIC_HANDLE = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?$/;
/** The handle shape of each channel whose authors are handles (`@` then this). */
const HANDLES: Record<string, RegExp> = {
  x: X_SCREEN_NAME,
  mastodon: MASTODON_ACCT,
  bluesky: BLUESKY_HANDLE,
  meta: INSTAGRAM_USERNAME,
  threads: INSTAGRAM_USERNAME,
};
/** Channels whose authors are always handles: a plain name there is not the platform's. */
const HANDLE_ONLY = new Set(['x', 'mastodon', 'bluesky', 'threads']);

/**
 * The mention's author as a reply may name them (`{{author}}`): the stored handle when it is one
 * the channel could have sent, a plain display name when it is short and harmless, else "there".
 */
export function replyName(channel: string, author: string): string {
  if (author.startsWith('@')) return (HANDLES[channel] ?? GENERIC_HANDLE).test(author.slice(1)) ? author : UNNAMED;
  return !HANDLE_ONLY.has(channel) && isSafeName(author) ? author : UNNAMED;
}
