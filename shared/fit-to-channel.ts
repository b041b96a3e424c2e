import { segmentGraphemes } from './graphemes.js';
import { stripInvisible } from './strip-invisible.js';

/** How a channel counts text and how much one post may hold. */
export interface ChannelLimits {
  maxLength: number;
  /** Length as the platform counts it (graphemes, weighted characters...). */
  measure(text: string): number;
}

const URL_RE = /^(https?:\/\/|www\.)\S+$/i;

/**
 * Splits a reply into posts that each fit the channel, breaking only between words, so no word
 * or link is cut. A single word longer than a whole post (never a link) is cut between graphemes.
 * Every public reply (the bot's and agents') passes here: invisible and bidi characters go first.
 */
export function fitToChannel(text: string, limits: ChannelLimits): string[] {
  const clean = stripInvisible(text).replace(/\s+/g, ' ').trim();
  if (limits.measure(clean) <= limits.maxLength) return [clean];
  const parts: string[] = [];
  let current = '';
  for (const word of clean.split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (limits.measure(candidate) <= limits.maxLength) {
      current = candidate;
      continue;
    }
    if (current) parts.push(current);
    if (limits.measure(word) <= limits.maxLength) {
      current = word;
    } else if (URL_RE.test(word)) {
      throw new Error(`A link in the reply is longer than the channel allows (${limits.maxLength}): ${word.slice(0, 60)}…`);
    } else {
      const pieces = cutWord(word, limits);
      current = pieces.pop() ?? '';
      parts.push(...pieces);
    }
  }
  if (current) parts.push(current);
  return parts;
}

function cutWord(word: string, limits: ChannelLimits): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const { segment } of segmentGraphemes(word)) {
    if (limits.measure(piece + segment) > limits.maxLength) {
      pieces.push(piece);
      piece = '';
    }
    piece += segment;
  }
  if (piece) pieces.push(piece);
  return pieces;
}
