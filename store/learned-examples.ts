/**
 * Candidate examples learned from the agents (issue 19): a handed-off mention an agent answered with
 * an entry's reply is a candidate example of that entry; one where the agent marked the entry's
 * suggestion wrong, a candidate negative example. Editors accept or reject them on the knowledge
 * page; only an accepted one reaches the knowledge file, through the usual checked publish.
 * `text` is stored already stripped of handles, links and personal data.
 */

export type CandidateKind = 'example' | 'negative';
export type CandidateStatus = 'pending' | 'accepted' | 'rejected';

export interface NewCandidate {
  entryId: string;
  kind: CandidateKind;
  text: string;
  channel: string;
  threadId: string;
  /** The customer's mention it was learned from: one candidate per mention, entry and kind. */
  mentionId: number;
  agent: string;
  at: number;
}

export interface ExampleCandidate extends NewCandidate {
  id: number;
  status: CandidateStatus;
  decidedBy?: string;
  decidedAt?: number;
}

export interface LearnedExamples {
  /** Records a candidate; undefined when the same mention, entry and kind was recorded before. */
  addCandidate(c: NewCandidate): Promise<ExampleCandidate | undefined>;
  /** Pending candidates, oldest first, at most `limit`. */
  pendingCandidates(limit: number): Promise<ExampleCandidate[]>;
  getCandidates(ids: readonly number[]): Promise<ExampleCandidate[]>;
  /**
   * Settles pending candidates (accepted with the text the editor kept, or rejected); returns the
   * ids it settled: one already settled, by another editor meanwhile, is left as it is.
   */
  settleCandidates(
    settled: readonly { id: number; text?: string }[],
    status: Exclude<CandidateStatus, 'pending'>,
    by: string,
    at: number,
  ): Promise<number[]>;
}

/** Longest candidate text kept (a mention's text is bounded far below it). */
export const CANDIDATE_TEXT_CHARS = 1000;
