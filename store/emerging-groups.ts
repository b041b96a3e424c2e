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
}

/** Longest stored sample and most thread keys kept per group (a wave of thousands is answered in pages of this many). */
export const EMERGING_SAMPLE_CHARS = 300;
export const EMERGING_MAX_THREADS = 2000;
