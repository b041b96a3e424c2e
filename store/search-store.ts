import type { ThreadState } from './thread-state.js';

/** What a thread is filtered by besides its state and owner: from its latest customer mention. */
export interface SearchFacets {
  /** urgent, high, normal or low (the queue's level). */
  priority: string | null;
  topic: string | null;
  /** ISO 639-1 code, from the understanding or detected from the text. */
  language: string | null;
}

/** Works a mention's facets out of its text and the bot's decision (the handoff layer knows how). */
export type FacetsOf = (text: string, decision: Record<string, unknown> | null) => SearchFacets;

/** A person's internal note on a thread: never sent to the platform. */
export interface ThreadNote {
  id: number;
  channel: string;
  threadId: string;
  author: string;
  text: string;
  at: number;
}

export interface SearchQuery {
  /** Words that must all appear in the thread (mentions, replies, notes); empty: every thread. */
  terms: string[];
  channel?: string;
  priority?: string;
  topic?: string;
  language?: string;
  assignee?: string;
  state?: ThreadState;
  limit: number;
  /** The `next` of the previous page. */
  after?: number;
}

export interface SearchHit {
  channel: string;
  threadId: string;
  state: ThreadState;
  assignee: string | null;
  updatedAt: number;
  /** The latest customer mention's author. */
  author: string | null;
  facets: SearchFacets;
  /** The thread's indexed text, whole (the route cuts a snippet around the terms). */
  body: string;
}

export interface SearchPage {
  hits: SearchHit[];
  /** Pass as `after` for the next page; null on the last. */
  next: number | null;
}

/** Threads by state, and the mentions the bot deliberately left unanswered. */
export type ViewCounts = Record<ThreadState, number> & { noReply: number };

/**
 * Full-text search over each thread's mentions, replies and notes, with filters and paging; and the
 * notes themselves. The index trails the writes: `indexPending` takes what was stored since its last
 * run (a background loop calls it, and a search first), so intake never pays for it.
 */
export interface SearchStore {
  /** Adds a note (indexed at once); undefined when there is no such thread. */
  addNote(note: { channel: string; threadId: string; author: string; text: string; now: number }): Promise<ThreadNote | undefined>;
  notes(channel: string, threadId: string): Promise<ThreadNote[]>;
  /** Indexes what was stored since the last run, up to `max` mentions and `max` replies (a store may take fewer); returns how many it took. */
  indexPending(max: number, now: number, facetsOf: FacetsOf): Promise<number>;
  /** Threads matching, the most recently active first. */
  search(query: SearchQuery): Promise<SearchPage>;
  counts(): Promise<ViewCounts>;
}

/** How much of a thread's text the index keeps (its latest part). */
export const SEARCH_BODY_CHARS = 16_000;
/** A mention's text counts this much at most in its thread's body. */
export const SEARCH_PART_CHARS = 2_000;
/** A mention still undecided this long is indexed without its facets (search must not wait on a stuck turn). */
export const SEARCH_DECISION_WAIT_MS = 60_000;
