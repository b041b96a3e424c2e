import type { Understanding } from '../intents/understanding.js';
import { detectLanguage } from '../intents/detect-language.js';
import { LruCache } from '../shared/lru-cache.js';
import { rowLabels, type RowLabels } from './queue-labels.js';

/** What a queue row reads from the latest mention's text: its labels and priority, and its language. */
export interface TextFacts {
  labels: RowLabels;
  language: string | null;
}

type Facts = Pick<Understanding, 'topic' | 'sentiment' | 'complaint' | 'language'>;

// Recent results by their inputs: a page's rows are mostly the same mentions as the last page's.
const cache = new LruCache<TextFacts>(20_000, Number.POSITIVE_INFINITY);

/** The language the turn recorded; decisions from before it did (or without an understanding) are detected now. */
export function languageOf(understanding: Pick<Understanding, 'language'> | null, text: string | null): string | null {
  if (understanding && understanding.language !== undefined) return understanding.language;
  return text ? detectLanguage(text) : null;
}

/**
 * The row's labels (urgency rules over the text) and language (detected when the turn recorded none),
 * remembered by what they are worked out from (the text and four fields of the understanding), so a
 * page summarizes its threads without running the rules again for mentions it has seen. The result is
 * shared: callers copy before changing it.
 */
export function textFacts(text: string | null, u: Facts | null): TextFacts {
  const key = u
    ? `${u.topic ?? ''}\u0000${u.sentiment ?? ''}\u0000${u.complaint ?? ''}\u0000${u.language === undefined ? '\u0001' : (u.language ?? '\u0002')}\u0000${text ?? '\u0003'}`
    : `\u0004${text ?? '\u0003'}`;
  const known = cache.get(key);
  if (known) return known;
  const facts = { labels: rowLabels(text, u), language: languageOf(u, text) };
  cache.set(key, facts);
  return facts;
}
