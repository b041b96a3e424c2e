import type { EarlierMention } from '../../store/store.js';

/** How many earlier mentions of a thread a turn reads: enough for the conversation so far, bounded. */
export const EARLIER_MENTIONS_READ = 6;

/** What a turn knows of the thread its mention arrived in. */
export interface ThreadContext {
  /** Entries the bot answered with in this thread (any author): never the same canned reply twice. */
  answeredEntries: ReadonlySet<string>;
  /** The author's latest earlier mention that was answered or handed to a person: what a follow-up is about. */
  followed?: EarlierMention;
  /** The author's earlier mentions, oldest first (their brand's and bots' posts left out). */
  byAuthor: readonly EarlierMention[];
  /** Every earlier mention of the author needed no person (thanks, chatter): the thread is small talk. */
  smallTalk: boolean;
}

const normalise = (handle: string) => handle.trim().replace(/^@/, '').toLowerCase();

/** The thread as the turn reads it, from its earlier mentions (oldest first). */
export function threadContext(earlier: readonly EarlierMention[], author: string): ThreadContext {
  const answeredEntries = new Set(earlier.filter((m) => m.status === 'answered' && m.entryId).map((m) => m.entryId!));
  const byAuthor = earlier.filter((m) => m.status !== 'ignored' && normalise(m.author) === normalise(author));
  const followed = byAuthor.findLast((m) => m.status === 'answered' || m.status === 'handed_off' || m.status === 'routed');
  return {
    answeredEntries,
    byAuthor,
    ...(followed ? { followed } : {}),
    smallTalk: byAuthor.length > 0 && byAuthor.every((m) => m.status === 'no_reply'),
  };
}

export const EMPTY_THREAD: ThreadContext = { answeredEntries: new Set(), byAuthor: [], smallTalk: false };
