import type { MentionStatus } from './mention.js';
import { EARLIER_TEXT_CHARS, type EarlierMention } from './store.js';

/** An earlier mention as either store reads it: the decision's fields may be absent, '' or null. */
export interface EarlierMentionRow {
  id: number | string;
  author: string;
  text: string;
  status: string;
  entry_id: unknown;
  reason: unknown;
  topic: unknown;
  language?: unknown;
}

const stringOr = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The turn's view of an earlier mention. The text is cut to EARLIER_TEXT_CHARS again here: Redis cuts
 * bytes, which may split a character (its remains are dropped).
 */
export function toEarlierMention(r: EarlierMentionRow): EarlierMention {
  const entryId = stringOr(r.entry_id);
  const reason = stringOr(r.reason);
  const topic = stringOr(r.topic);
  const language = stringOr(r.language);
  return {
    id: Number(r.id),
    author: r.author,
    text: [...r.text]
      .slice(0, EARLIER_TEXT_CHARS)
      .join('')
      .replace(/\uFFFD+$/, ''),
    status: r.status as MentionStatus,
    ...(entryId ? { entryId } : {}),
    ...(reason ? { reason } : {}),
    ...(topic ? { topic } : {}),
    ...(language ? { language } : {}),
  };
}
