import type { Understander } from '../../intents/understanding.js';
import type { KnowledgeFinding } from './check-knowledge.js';
import type { KnowledgeError, Locate } from './load-knowledge.js';
import type { Knowledge } from './schema.js';

/** Checks a version; `understander` is the one trained on it (test cases run on it). */
export type ValidateKnowledge = (knowledge: Knowledge, locate: Locate, understander: Understander) => Promise<KnowledgeFinding[]>;

export interface KnowledgeStatus {
  file: string;
  /** Goes up by one each time a new version goes live in this process. */
  version: number;
  /** sha256 of the live text: names the version across instances and in the history. */
  sha256: string;
  loadedAt: string;
  entries: number;
  warnings: KnowledgeFinding[];
  /** The last rejected version's problems (a change of the file, or a publish), until a good version goes live. */
  lastError?: { at: string; source: 'file' | 'publish'; message: string; problems: KnowledgeError['problems'] };
}

/** A version that passed every check and may go live. */
export interface AcceptedVersion {
  text: string;
  knowledge: Knowledge;
  findings: KnowledgeFinding[];
}

/** A publish's steps, taken in order while no reload, check or other publish runs. */
export interface PublishSteps {
  /** Every check a reload runs; throws KnowledgeError (and the live version stays). */
  check(text: string): Promise<AcceptedVersion>;
  /** Writes the file (temp file + rename, so readers never see half a file), then puts it live. */
  putLive(version: AcceptedVersion): Promise<KnowledgeStatus>;
}

/** `source`: a change of the file (or the one found at start), or a publish through `publishing`. */
export type LiveListener = (status: KnowledgeStatus, text: string, source: 'file' | 'publish') => void;
export type RejectedListener = (error: KnowledgeError, source: 'file' | 'publish') => void;

/**
 * The knowledge that is live now. A new version replaces it only once it has been parsed,
 * validated, the understanding retrained on it and its test cases passed; otherwise the previous
 * version keeps answering (and the understanding is trained back on it).
 */
export interface LiveKnowledge {
  current(): Knowledge;
  /** The live version's text. */
  text(): string;
  status(): KnowledgeStatus;
  /** Loads the file again; throws KnowledgeError (with lines) and keeps the live version on any problem. */
  reload(): Promise<Knowledge>;
  /**
   * Puts a new text live at once, through exactly the checks a reload goes through; only then is it
   * written to the file and live. Throws KnowledgeError.
   */
  publish(text: string): Promise<KnowledgeStatus>;
  /** Runs a publish's steps (see publish-knowledge.ts) with the knowledge to itself. */
  publishing<T>(run: (steps: PublishSteps) => Promise<T>): Promise<T>;
  /** Every finding a draft would get (parse errors included, as errors); nothing goes live. */
  check(text: string): Promise<KnowledgeFinding[]>;
  /**
   * Runs `use` on a draft (or, without text, the live version) with the understanding trained on
   * it, then trains it back on the live version. Throws KnowledgeError when the draft does not parse.
   */
  withDraft<T>(text: string | undefined, use: (knowledge: Knowledge, understander: Understander) => Promise<T>): Promise<T>;
  /** Called after each new version goes live (not for a reload that finds the live text unchanged). */
  onLive(listener: LiveListener): () => void;
  /** Called for each rejected version, from the file or a publish: for notifications. */
  onRejected(listener: RejectedListener): () => void;
  /** Reloads whenever the file changes, until `close`. */
  watch(onResult?: (result: { ok: true; status: KnowledgeStatus } | { ok: false; error: KnowledgeError }) => void): void;
  close(): void;
}
