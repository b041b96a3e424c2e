/**
 * Emerging incidents raised in the service (issue 19): a group of alike handed-off mentions from
 * several customers that no active entry answers. Raised groups are stored (and shared by every
 * instance on Redis) so the consoles show each once; editors dismiss one, or answer its waiting
 * threads with the entry published for it, once. Samples are stored already stripped of handles,
 * links and personal data.
 */

export type EmergingStatus = 'open' | 'dismissed' | 'answered';

export interface NewEmergingGroup {
  /** Unique over instances (each instance groups what it hands off). */
  id: string;
  raisedAt: number;
  size: number;
  authors: number;
  words: string[];
  samples: string[];
  /** The drafted entry's id and its knowledge-file YAML (one list item). */
  draftId: string;
  draftYaml: string;
  /** Thread keys (channel:threadId) of the group's mentions. */
  threadKeys: string[];
}

export interface EmergingGroupRecord extends NewEmergingGroup {
  status: EmergingStatus;
  /** The entry an editor linked it to, or answered it with. */
  entryId?: string;
  decidedBy?: string;
  decidedAt?: number;
}

export interface EmergingGroups {
  /** Stores a raised group (a repeat of the same id only grows it, as `grow`). */
  saveGroup(g: NewEmergingGroup): Promise<void>;
  /** A stored group grew: its size and authors now, and the thread keys of mentions that joined since. */
  growGroup(id: string, size: number, authors: number, threadKeys: readonly string[]): Promise<void>;
  getGroup(id: string): Promise<EmergingGroupRecord | undefined>;
  /** Groups newest first, at most `limit`; open ones only unless `all`. */
  listGroups(limit: number, all?: boolean): Promise<EmergingGroupRecord[]>;
  /** Links an open group to the entry published for it; false when it is not open. */
  linkEntry(id: string, entryId: string): Promise<boolean>;
  /**
   * Settles an open group, once (compare-and-set on `open`): dismissed, or answered with `entryId`.
   * Of two editors (or a double submit) exactly one gets true.
   */
  settleGroup(id: string, status: Exclude<EmergingStatus, 'open'>, by: string, at: number, entryId?: string): Promise<boolean>;
  /**
   * Takes up to `limit` threads of an answered group to answer, in the order they joined: those the
   * group held when it was answered, with no outcome yet, and not taken, or taken before `staleBefore`
   * (whoever took them stopped mid-way: `retaken` true). Each is taken by one caller at a time, across
   * instances. None when the group is not answered or every thread is taken or done.
   */
  takeAnswerThreads(id: string, limit: number, now: number, staleBefore: number): Promise<{ threadKey: string; retaken: boolean }[]>;
  /** A taken thread's outcome: '' answered, else why it was skipped. Kept, so it is never taken again. */
  finishAnswerThread(id: string, threadKey: string, outcome: string): Promise<void>;
  /** How far the answering of a group went: threads answered, skipped (with why) and still to do. */
  answerProgress(id: string): Promise<AnswerProgress>;
  /** Answered groups with threads still to do (to resume after a restart), at most `limit`. */
  unfinishedAnswers(limit: number): Promise<string[]>;
}

export interface AnswerProgress {
  answered: string[];
  skipped: { threadKey: string; reason: string }[];
  /** Threads of the group when it was answered with no outcome yet (taken or not). */
  pending: number;
}

/** Longest stored sample and most thread keys kept per group (a wave of thousands is answered in pages of this many). */
export const EMERGING_SAMPLE_CHARS = 300;
export const EMERGING_MAX_THREADS = 2000;
