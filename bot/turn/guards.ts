import type { Mention } from '../../store/mention.js';

const normalise = (handle: string) => handle.trim().replace(/^@/, '').toLowerCase();

/** The brand's own posts are never answered (on any channel, by any of its handles). */
export function isBrandPost(mention: Mention, brandHandles: readonly string[]): boolean {
  const author = normalise(mention.author);
  return brandHandles.some((h) => normalise(h) === author);
}

/** Other bots are never answered: the platform's own flag, or a configured list of handles. */
export function isBotAuthor(mention: Mention, knownBots: readonly string[]): boolean {
  if (mention.authorIsBot) return true;
  const author = normalise(mention.author);
  return knownBots.some((h) => normalise(h) === author);
}
