import { parseCsv } from '../../shared/csv.js';

/** One row of a mentions CSV (Customer Support on Twitter or any CSV with a text column). */
export interface CsvMention {
  /** The tweet_id column as written, or the row's position without one. */
  id: string;
  text: string;
  author: string;
  /** The created_at column as written (twcs: "Tue Oct 31 23:36:20 +0000 2017"), if any. */
  createdAt?: string;
  /** False only when the CSV has an inbound column that says so (a brand's own tweet). */
  inbound: boolean;
  /** The tweet this one replies to (in_response_to_tweet_id, "848.0" read as "848"). */
  inResponseTo?: string;
  /** The tweets that reply to this one (response_tweet_id, comma-separated in twcs). */
  responses: string[];
}

export interface MentionsCsv {
  /** Every well-formed row with a text, inbound or not, in file order. */
  rows: CsvMention[];
  /** Rows with fewer fields than the header (broken by bare line breaks outside quotes). */
  malformed: number;
}

const tweetId = (v: string | undefined) => (v ?? '').trim().replace(/\.0+$/, '');

/** Reads a mentions CSV with the RFC 4180 parser; fails when it has no text column. */
export function readMentionsCsv(content: string, name: string): MentionsCsv {
  const rows = parseCsv(content).filter((r) => r.length > 1);
  const header = rows.shift()?.map((h) => h.trim()) ?? [];
  const at = (column: string) => header.indexOf(column);
  const textAt = at('text');
  if (textAt < 0) throw new Error(`${name} has no "text" column (columns: ${header.join(', ')})`);
  const [idAt, authorAt, inboundAt, createdAt, responseAt, inResponseAt] = [
    'tweet_id',
    'author_id',
    'inbound',
    'created_at',
    'response_tweet_id',
    'in_response_to_tweet_id',
  ].map(at) as [number, number, number, number, number, number];
  const field = (row: string[], column: number) => (column < 0 ? undefined : row[column]);
  const wellFormed = rows.filter((r) => r.length >= header.length);
  return {
    malformed: rows.length - wellFormed.length,
    rows: wellFormed
      .map((r, i): CsvMention => {
        const created = field(r, createdAt);
        const inResponseTo = tweetId(field(r, inResponseAt));
        return {
          id: field(r, idAt) ?? String(i),
          text: field(r, textAt) ?? '',
          author: field(r, authorAt) ?? '@customer',
          inbound: inboundAt < 0 || /^true$/i.test(field(r, inboundAt) ?? ''),
          ...(created ? { createdAt: created } : {}),
          ...(inResponseTo ? { inResponseTo } : {}),
          responses: (field(r, responseAt) ?? '').split(',').map(tweetId).filter(Boolean),
        };
      })
      .filter((m) => m.text.trim().length > 0),
  };
}

/** The mentions a replay decides: the customers' rows. */
export const inboundMentions = (csv: MentionsCsv): CsvMention[] => csv.rows.filter((m) => m.inbound);

/**
 * A mention's thread so far: the earlier customer tweets it follows, oldest first. A tweet replies
 * to a brand tweet; when that brand tweet is not in the file (spotifycares-support-requests.csv
 * holds customers' tweets only), the earlier customer tweet is the one whose responses name it.
 */
export function threadIndex(csv: MentionsCsv): (mention: CsvMention) => CsvMention[] {
  const byId = new Map(csv.rows.map((m) => [m.id, m]));
  const byResponse = new Map<string, CsvMention>();
  for (const m of csv.rows) for (const r of m.responses) byResponse.set(r, m);
  return (mention) => {
    const earlier: CsvMention[] = [];
    const seen = new Set([mention.id]);
    let current = mention;
    while (current.inResponseTo) {
      const parent = byId.get(current.inResponseTo) ?? byResponse.get(current.inResponseTo);
      if (!parent || seen.has(parent.id)) break;
      seen.add(parent.id);
      if (parent.inbound) earlier.unshift(parent);
      current = parent;
    }
    return earlier;
  };
}
