import { isIntentActive, type IntentExamples } from './intent-examples.js';
import type { MentionText, Understander, Understanding } from './understanding.js';
import type { CachedEmbedder } from './embedding/cached-embedder.js';
import { hashedStems } from './features/hashed-features.js';
import { stems } from './features/tokenize.js';
import { SPARSE_BUCKETS } from './features/text-features.js';
import { trainIntentModel, type ClassScore, type IntentExample, type IntentModel } from './classify/intent-model.js';
import { calibratedConfidence, confidenceFeatures } from './classify/confidence.js';
import { decideAnswer, type AnswerDecision } from './answer-policy.js';
import { BUILTIN_INTENTS, builtinTopics } from './builtin-intents.js';
import { BACKGROUND_PHRASES } from './background-phrases.js';
import { keywordMatches } from './keyword-match.js';
import { contentStems } from './keyword-understander.js';
import { backgroundExamples, BACKGROUND_PREFIX, isBackground, isNegative, negativeLabel, negativeOf } from './background.js';
import { toneOf } from './tone.js';
import { LOOKALIKE_PHRASES } from './lookalike-phrases.js';
import { matterState } from './lookalike-cues.js';
import { unshouted } from './unshout.js';
import { emptyProfiles, entryProfiles, lookalikeReasons, type EntryProfiles } from './entry-verifier.js';
import { RANK_SLICE_CHARS, slicesByLength } from './rank-slices.js';
import { priorityOf, urgencySignals, type Priority } from './urgency.js';
import type { ShippedModels } from './models/shipped-models.js';
import { understoodText } from './text-bounds.js';
import { rankActiveEntries, type RankedEntry } from './entry-ranking.js';
import { entryTopics } from './entry-topics.js';
import { DEVICE_STEMS } from './device-cues.js';
import { closerThanEntry } from './closer-than-entry.js';

/** A mention as the service sees it; `at` defaults to now (decides which entries are active). */
export type MentionInput = MentionText;

/** Understanding plus the policy's verdict; all fields beyond the interface are additive. */
export interface LocalUnderstanding extends Understanding {
  /** answer: reply with `entryId`'s reply. handoff: acknowledge and pass to a person. */
  decision: 'answer' | 'handoff';
  handoffReason?: 'no_active_entry' | 'below_threshold' | 'look_alike';
  priority: Priority;
}

export interface LocalUnderstanderOptions {
  /** Answer at or above this calibrated confidence (default: the shipped calibration's). */
  answerThreshold?: number;
  /** Built-in intent reported as `topic` at or above this confidence. */
  topicThreshold?: number;
  now?: () => Date;
}

interface Trained {
  entries: readonly IntentExamples[];
  model: IntentModel | undefined;
  profiles: EntryProfiles;
}

/** Without a keyword or a shared content word an entry's confidence is cut to this share. */
const NO_EVIDENCE_FACTOR = 0.5;

/**
 * In-process understanding: knowledge entries and built-in intents on sentence embeddings + stems,
 * tone from shipped linear models, urgency from word lists. `train` swaps the entry model atomically.
 */
export class LocalUnderstander implements Understander {
  private trained: Trained = { entries: [], model: undefined, profiles: emptyProfiles() };
  private builtin: IntentModel | undefined;
  readonly answerThreshold: number;
  private readonly topicThreshold: number;
  private readonly now: () => Date;

  constructor(
    private readonly embedder: CachedEmbedder,
    /** Embedder the tone models expect (USE Lite); the same object when that is the intent backend. */
    private readonly toneEmbedder: CachedEmbedder,
    private readonly models: ShippedModels,
    private readonly options: LocalUnderstanderOptions = {},
  ) {
    this.answerThreshold = options.answerThreshold ?? models.answerThreshold;
    this.topicThreshold = options.topicThreshold ?? 0.5;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * A new, untrained understander on the same encoders and caches: knowledge drafts are tried on it,
   * so the live one keeps answering from the live file meanwhile.
   */
  fork(): LocalUnderstander {
    return new LocalUnderstander(this.embedder, this.toneEmbedder, this.models, this.options);
  }

  private async embedExamples(examples: Array<{ label: string; text: string }>): Promise<IntentExample[]> {
    const texts = examples.map((e) => understoodText(e.text));
    const vectors = await this.embedder.embed(texts, { persist: true });
    // The text feeds the softmax head's n-grams, trained only on many examples per class (as in the eval).
    return examples.map((e, i) => ({
      label: e.label,
      vector: vectors[i]!,
      sparse: hashedStems(texts[i]!, SPARSE_BUCKETS),
      text: texts[i]!,
    }));
  }

  private async intentModel(examples: Array<{ label: string; text: string }>): Promise<IntentModel | undefined> {
    if (examples.length === 0) return undefined;
    return trainIntentModel(await this.embedExamples(examples));
  }

  async train(entries: readonly IntentExamples[]): Promise<void> {
    if (!this.builtin) {
      const builtin = Object.entries(BUILTIN_INTENTS).flatMap(([label, texts]) => texts.map((text) => ({ label, text })));
      this.builtin = await this.intentModel(builtin);
    }
    // Keywords double as short examples so keyword-only entries are recognised too.
    const examples = await this.embedExamples(
      entries.flatMap((e) => [...e.examples, ...e.keywords].map((text) => ({ label: e.id, text }))),
    );
    // Entries compete with background classes (built-in intents, off-topic mentions) in one model.
    const background = examples.length ? backgroundExamples(examples, await this.embedExamples(this.backgroundTexts)) : [];
    // An entry's negative examples are look-alikes on purpose: a background class of their own, kept
    // however close they are to the entry's examples.
    const negatives = await this.embedExamples(
      entries.flatMap((e) => e.negative_examples.map((text) => ({ label: negativeLabel(e.id), text }))),
    );
    const model = examples.length ? trainIntentModel([...examples, ...background, ...negatives]) : undefined;
    this.trained = { entries: [...entries], model, profiles: entryProfiles(entries, entryTopics(this.builtin, examples)) };
  }

  /** Frees the models (and worker threads, if any). */
  async dispose(): Promise<void> {
    await this.embedder.dispose?.();
    if (this.toneEmbedder !== this.embedder) await this.toneEmbedder.dispose?.();
  }

  async understand(mention: MentionInput): Promise<LocalUnderstanding> {
    const [result] = await this.understandBatch([mention]);
    return result!;
  }

  embedTexts(texts: readonly string[]): Promise<Float32Array[]> {
    return this.embedder.embed(texts.map((t) => unshouted(understoodText(t))));
  }

  async rankEntries(mention: MentionInput, limit: number): Promise<RankedEntry[]> {
    const text = unshouted(understoodText(mention.text));
    const [vector] = await this.embedder.embed([text]);
    const ranked = this.trained.model?.rank(vector!, hashedStems(text, SPARSE_BUCKETS), text) ?? [];
    const at = mention.at ?? this.now();
    const active = this.trained.entries.filter((e) => isIntentActive(e, mention.channel, at));
    const evidence = { stems: stems(text), content: new Set(contentStems(text)) };
    return rankActiveEntries(ranked, active, (r) => this.confidence(r, evidence.stems, evidence.content), limit);
  }

  /**
   * Many mentions at once: one batched embedding call (the cost that matters). Each is read up to
   * `UNDERSTOOD_CHARS` (text-bounds.ts), and the features and ranking run on slices of the batch of
   * at most `RANK_SLICE_CHARS` with a turn of the event loop between them, so a batch of long mentions
   * never holds the loop for long.
   */
  async understandBatch(given: readonly MentionInput[]): Promise<LocalUnderstanding[]> {
    const written = given.map((m) => understoodText(m.text));
    const mentions = given.map((m, i) => ({ ...m, text: unshouted(written[i]!) }));
    if (!this.builtin) await this.train(this.trained.entries);
    const texts = mentions.map((m) => m.text);
    const vectors = await this.embedder.embed(texts);
    // Tone and urgency are read as written: shouting is part of how the customer feels.
    const shouted = written.flatMap((t, i) => (t === texts[i] ? [] : [i]));
    let toneVectors: Float32Array[];
    if (this.toneEmbedder !== this.embedder) toneVectors = await this.toneEmbedder.embed(written);
    else {
      toneVectors = [...vectors];
      const asWritten = shouted.length ? await this.embedder.embed(shouted.map((i) => written[i]!)) : [];
      shouted.forEach((i, j) => {
        toneVectors[i] = asWritten[j]!;
      });
    }
    const results: LocalUnderstanding[] = [];
    for (const [from, to] of slicesByLength(texts, RANK_SLICE_CHARS)) {
      if (from > 0) await new Promise((resolve) => setImmediate(resolve));
      const part = texts.slice(from, to);
      const partVectors = vectors.slice(from, to);
      const sparses = part.map((t) => hashedStems(t, SPARSE_BUCKETS));
      const ranked = this.trained.model?.rankMany(partVectors, sparses, part);
      const builtinRanked = this.builtin?.rankMany(partVectors, sparses, part);
      for (let i = from; i < to; i++) {
        results.push(
          this.understandOne(mentions[i]!, written[i]!, ranked?.[i - from] ?? [], builtinRanked?.[i - from] ?? [], toneVectors[i]!),
        );
      }
    }
    return results;
  }

  /**
   * What a mention may be about instead of an entry: the built-in topics (not the tone intents, which
   * say how a customer writes, not what about) and the shipped off-topic phrasings.
   */
  private readonly backgroundTexts = Object.entries({ ...builtinTopics(), ...BACKGROUND_PHRASES, ...LOOKALIKE_PHRASES }).flatMap(
    ([label, texts]) => texts.map((text) => ({ label: BACKGROUND_PREFIX + label, text })),
  );

  private confidence(ranked: readonly ClassScore[], mentionStems: readonly string[], mentionContent: ReadonlySet<string>): number {
    const base = calibratedConfidence({ model: this.models.calibration }, confidenceFeatures(ranked));
    const top = ranked[0];
    if (!top) return 0;
    const keywordHit = (this.trained.profiles.keywords.get(top.label) ?? []).some((k) => keywordMatches(mentionStems, k));
    // A marketing keyword in the text is strong evidence: halve the remaining doubt.
    if (keywordHit) return base + (1 - base) / 2;
    // Not one content word in common with the entry: a sentence embedding alone over-answers. A device
    // name in common ("iPhone") says what the mention is about, not that it asks what the entry answers.
    const vocabulary = this.trained.profiles.vocabulary.get(top.label);
    const shared = vocabulary ? [...mentionContent].some((w) => vocabulary.has(w) && !DEVICE_STEMS.has(w)) : true;
    return shared ? base : base * NO_EVIDENCE_FACTOR;
  }

  private understandOne(
    m: MentionInput,
    /** The text as the customer wrote it, before shouted words were lowered: tone and urgency read it. */
    written: string,
    ranked: readonly ClassScore[],
    builtinRanked: readonly ClassScore[],
    toneVector: Float32Array,
  ): LocalUnderstanding {
    const mentionStems = stems(m.text);
    const mentionContent = new Set(contentStems(m.text));
    const { entries } = this.trained;
    const at = m.at ?? this.now();
    const active = entries.filter((e) => isIntentActive(e, m.channel, at));
    // A negative example saying the matter is over ("got my order at last") shares every word but the
    // state with a mention saying it is still open ("my order still hasn't arrived"): its nearness
    // says nothing against the entry then, and it competes on its score like any other class.
    // Read only for the negative class that would win on nearness (the best entry's own), once.
    let open: boolean | undefined;
    const saysClosedToOpen = (label: string) => {
      open ??= matterState(m.text) === 'open';
      const nearest = open ? ranked.find((c) => c.label === label)?.nearestText : undefined;
      return nearest !== undefined && matterState(nearest) === 'closed';
    };
    const decision: AnswerDecision = decideAnswer({
      ranked,
      active,
      confidence: (ranked) => this.confidence(ranked, mentionStems, mentionContent),
      threshold: this.answerThreshold,
      isBackground,
      winsOnNearest: (label) => isNegative(label) && !saysClosedToOpen(label),
      againstEntry: negativeOf,
    });
    const builtinConfidence = builtinRanked.length
      ? calibratedConfidence({ model: this.models.calibration }, confidenceFeatures(builtinRanked))
      : 0;
    const topic = builtinRanked[0] && builtinConfidence >= this.topicThreshold ? builtinRanked[0].label : undefined;
    const tone = toneOf(written, toneVector, this.models.sentiment, this.models.complaint);
    const complaint = tone.complaint || topic === 'complaint';
    const urgency = urgencySignals(written);
    const priority = priorityOf(urgency, topic, tone.sentiment === 'negative', complaint);
    const scores: Record<string, number> = {};
    for (const [k, v] of Object.entries(decision.scores)) scores[`answer.${k}`] = v;
    for (const c of builtinRanked.slice(0, 3)) scores[`intent.${c.label}`] = c.score;
    scores['intent.confidence'] = builtinConfidence;
    for (const [k, v] of Object.entries(tone.sentimentScores)) scores[`sentiment.${k}`] = v;
    scores.complaint = tone.complaintProbability;
    const base = { sentiment: tone.sentiment, complaint, urgency, scores, priority, topic };
    const lookalike =
      decision.action === 'answer'
        ? lookalikeReasons(this.trained.profiles, decision.entryId, m.text, topic, tone.sentimentScores.positive, builtinConfidence)
        : [];
    for (const reason of lookalike) scores[`answer.lookalike.${reason}`] = 1;
    if (decision.action === 'answer' && lookalike.length === 0) {
      return { ...base, intent: decision.entryId, entryId: decision.entryId, confidence: decision.confidence, decision: 'answer' };
    }
    const closest = decision.action === 'answer' ? decision.entryId : decision.bestEntryId;
    if (topic) scores['answer.best_entry_confidence'] = decision.confidence;
    return {
      ...base,
      intent: topic ?? 'out_of_scope',
      confidence: topic ? builtinConfidence : 1 - Math.max(decision.confidence, builtinConfidence),
      decision: 'handoff',
      handoffReason: decision.action === 'answer' ? 'look_alike' : decision.reason,
      ...(closest ? { closestEntryId: closest } : {}),
      ...closerThanEntry(decision),
    };
  }
}
