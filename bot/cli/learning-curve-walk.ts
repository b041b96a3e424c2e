import type { Knowledge } from '../../config/knowledge/schema.js';
import type { Understander } from '../../intents/understanding.js';
import { checkCandidate } from '../../handoff/learning/candidate-check.js';
import { inDefaultLanguage } from '../../handoff/learning/learn-from-replies.js';
import { stripPersonal } from '../../shared/strip-personal.js';
import type { TurnDecision } from '../turn/decide-turn.js';
import { previewMention, type EarlierPost } from '../turn/preview-turn.js';
import { decisionKind } from './decision-csv.js';
import { isEntryLabel, type ScoredMention } from './replay-labelled-score.js';

/** A labelled mention of the walk, in time order. */
export interface WalkMention {
  label: string;
  text: string;
  author: string;
  at: Date;
  /** The customers' earlier posts in the thread, oldest first (each with its author: preview-turn.ts). */
  earlier: EarlierPost[];
  /** False: walked and learned from (agents answer it too) but not scored (the other split's, with --stream). */
  scored?: boolean;
}

export interface WalkOptions {
  channel: string;
  brandHandle: string;
  noReply: boolean;
  courtesyWords?: number;
  /** Learn from the agents: candidates accepted at each publish. */
  learn: boolean;
  /** Mentions between two publishes. */
  every: number;
  onDecided?: () => void;
  /**
   * Each scored mention that is entry-labelled or got an entry's reply, as decided: why it was or was
   * not answered, and which answers were wrong (the eval's --details).
   */
  onDetail?: (d: MentionDetail) => void;
  /** Each publish: after which scored mention, and the candidates it accepted. */
  onPublish?: (afterIndex: number, accepted: readonly AcceptedExample[]) => void;
}

export interface AcceptedExample {
  entryId: string;
  text: string;
}

/** What became of one entry-labelled (or answered) mention of the walk. */
export interface MentionDetail {
  index: number;
  label: string;
  decision: string;
  entryId?: string;
  reason: string;
  /** The best entry's calibrated confidence, when the understanding ranked one. */
  confidence?: number;
  opensThread: boolean;
  /** Examples accepted so far in this walk of the mention's entry (of the entry answered, for a handoff or no_reply label). */
  learnedForEntry: number;
  text: string;
}

export interface WalkResult {
  scored: ScoredMention[];
  /** Examples accepted over the walk, and the publishes that took them. */
  learned: number;
  publishes: number;
  /** The knowledge as the walk's last publish left it (the understander is trained on it). */
  knowledge: Knowledge;
}

/** The knowledge with the accepted examples added to their entries (as the editor's publish adds them). */
export function withExamples(knowledge: Knowledge, accepted: readonly AcceptedExample[]): Knowledge {
  return {
    ...knowledge,
    entries: knowledge.entries.map((e) => {
      const added = accepted.filter((a) => a.entryId === e.id && !e.examples.includes(a.text)).map((a) => a.text);
      return added.length ? { ...e, examples: [...e.examples, ...new Set(added)] } : e;
    }),
  };
}

/**
 * One walk through a brand's mentions in time order, as the service would see them. With `learn`,
 * a mention the bot handed off that is labelled with an entry is answered by a simulated agent with
 * that entry: its text (handles, links and personal data stripped) becomes a candidate example, and
 * an editor accepts the candidates at the next publish, every `every` mentions; the model is trained
 * again on the published knowledge then, and only then.
 */
export async function walkMentions(
  understander: Understander,
  knowledge: Knowledge,
  mentions: readonly WalkMention[],
  options: WalkOptions,
): Promise<WalkResult> {
  let live = knowledge;
  await understander.train(live.entries);
  const scored: ScoredMention[] = [];
  let pending: Array<AcceptedExample & { at: Date }> = [];
  let learned = 0;
  let publishes = 0;
  const learnedBy = new Map<string, number>();
  for (const [i, m] of mentions.entries()) {
    const d = await previewMention(
      understander,
      live,
      { text: m.text, at: m.at, author: m.author, ...(m.earlier.length ? { earlier: m.earlier } : {}) },
      { channel: options.channel, brandHandles: [options.brandHandle], noReply: options.noReply, courtesyWords: options.courtesyWords },
    );
    const kind = decisionKind(d);
    if (m.scored !== false) {
      scored.push({ label: m.label, decision: kind, ...(d.entryId ? { entryId: d.entryId } : {}) });
      const entry = isEntryLabel(m.label) ? m.label : d.entryId;
      if (entry) options.onDetail?.(detail(scored.length - 1, m, d, kind, learnedBy.get(entry) ?? 0));
    }
    // As the service records them (learn-from-replies.ts): only a post that opens its thread, whose
    // words stand on their own ("yes, tried that too" means nothing without the thread), read in
    // the file's default language (the language whose examples the entry's `examples` are).
    const learnable = m.earlier.length === 0 && inDefaultLanguage(d.language, live);
    if (options.learn && kind === 'handoff' && isEntryLabel(m.label) && learnable) {
      const text = stripPersonal(m.text);
      if (text) pending.push({ entryId: m.label, text, at: m.at });
    }
    if (options.learn && (i + 1) % options.every === 0 && pending.length > 0) {
      // The editor accepts what the review shows without a warning (candidate-check.ts), read against
      // the file as it is live at the publish.
      const kept: typeof pending = [];
      for (const p of pending)
        if ((await checkCandidate(understander, { id: p.entryId }, p.text, options.channel, p.at)).length === 0) kept.push(p);
      pending = kept;
    }
    if (options.learn && (i + 1) % options.every === 0 && pending.length > 0) {
      live = withExamples(live, pending);
      for (const p of pending) learnedBy.set(p.entryId, (learnedBy.get(p.entryId) ?? 0) + 1);
      await understander.train(live.entries);
      learned += pending.length;
      publishes++;
      options.onPublish?.(scored.length - 1, pending);
      pending = [];
    }
    options.onDecided?.();
  }
  return { scored, learned, publishes, knowledge: live };
}

function detail(index: number, m: WalkMention, d: TurnDecision, kind: string, learnedForEntry: number): MentionDetail {
  const scores = d.understanding?.scores ?? {};
  const confidence = scores['answer.confidence'] ?? scores['answer.best_entry_confidence'];
  const why = (d.understanding as { handoffReason?: string } | undefined)?.handoffReason;
  const lookalike = Object.keys(scores)
    .filter((k) => k.startsWith('answer.lookalike.'))
    .map((k) => k.slice('answer.lookalike.'.length));
  const best = why && lookalike.length ? `${why}:${lookalike.join('+')}` : why;
  return {
    index,
    label: m.label,
    decision: kind,
    ...(d.entryId ? { entryId: d.entryId } : {}),
    reason: best ? `${d.reason}/${best}` : d.reason,
    ...(confidence !== undefined ? { confidence } : {}),
    opensThread: m.earlier.length === 0,
    learnedForEntry,
    text: m.text,
  };
}

/** The first and last third of a walk's mentions (by position in time order). */
export function thirds<T>(items: readonly T[]): { first: T[]; last: T[] } {
  const third = Math.floor(items.length / 3);
  return { first: items.slice(0, third), last: items.slice(items.length - third) };
}
