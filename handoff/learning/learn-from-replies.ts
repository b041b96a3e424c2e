import { defaultLanguage } from '../../config/knowledge/language-scripts.js';
import type { LiveKnowledge } from '../../config/knowledge/live-knowledge.js';
import type { Knowledge } from '../../config/knowledge/schema.js';
import { stripPersonal } from '../../shared/strip-personal.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import { CANDIDATE_TEXT_CHARS, type CandidateKind, type ExampleCandidate, type LearnedExamples } from '../../store/learned-examples.js';
import type { ThreadRef } from '../thread-actions.js';
import { latestCustomerMention } from '../transcript.js';

export interface LearnDeps {
  handoff: HandoffStore;
  learned: LearnedExamples;
  knowledge: LiveKnowledge;
  now: () => number;
}

/** What the agents' replies teach: candidate examples and negative examples of entries. */
export interface LearnFromReplies {
  /** Whether the live file has this entry (a reply or a wrong mark must name one). */
  hasEntry(entryId: string): boolean;
  /**
   * Records the thread's latest customer mention as a candidate of the entry (an example when the
   * agent answered with it, a negative one when they marked it wrong); undefined when there is no
   * customer mention, it follows earlier ones in the thread, the turn read an example in another
   * language than the file's default, nothing is left of its text once stripped, or it was recorded already.
   */
  record(ref: ThreadRef, agent: string, entryId: string, kind: CandidateKind): Promise<ExampleCandidate | undefined>;
}

export function learnFromReplies(deps: LearnDeps): LearnFromReplies {
  return {
    hasEntry: (entryId) => deps.knowledge.current().entries.some((e) => e.id === entryId),
    async record(ref, agent, entryId, kind) {
      const transcript = await deps.handoff.transcript(ref.channel, ref.threadId);
      const mention = latestCustomerMention(transcript);
      // Only a post that opens its thread: a follow-up ("yes, tried that too") means nothing without
      // the thread, and taught as an example it makes the bot answer chatter (the learning eval's dev split).
      if (!mention || transcript.mentions.some((m) => m.status !== 'ignored' && m.id !== mention.id)) return undefined;
      // Negative examples hold in every language; examples are the default language's.
      if (kind === 'example' && !inDefaultLanguage(mention.decision?.language, deps.knowledge.current())) return undefined;
      // Kept stripped: the store never holds a customer's handle, link or number in a candidate.
      const text = stripPersonal(mention.text).slice(0, CANDIDATE_TEXT_CHARS);
      if (!text) return undefined;
      return deps.learned.addCandidate({ entryId, kind, text, ...ref, mentionId: mention.id, agent, at: deps.now() });
    },
  };
}

/**
 * Whether a mention the turn read in `language` may teach the entry's `examples`, which are the default
 * language's: each language is understood against its own examples (intents/language-understander.ts),
 * so a Dutch post accepted there pulls Dutch mentions towards an entry the bot cannot answer in Dutch
 * and teaches the default language words it never reads. A mention with no language recorded may.
 */
export function inDefaultLanguage(language: unknown, knowledge: Knowledge): boolean {
  return typeof language !== 'string' || language === defaultLanguage(knowledge);
}
