import type { IntentExamples } from './intent-examples.js';
import { contentStems } from './keyword-understander.js';
import { asksSomething, lookalikeCues, ownCues, withoutFalseCues } from './lookalike-cues.js';
import { reportsProblem } from './problem-words.js';
import { TONE_INTENTS } from './builtin-intents.js';
import { deviceFamilies, deviceModels, onlyNamesDevice } from './device-cues.js';
import { GENERIC_WORDS, usesShippedPhrasing } from './shipped-phrasings.js';
import { keywordMatches } from './keyword-match.js';
import { stems } from './features/tokenize.js';
import { problemProfile, problemReasons, type ProblemProfile } from './problem-cues.js';
import { type PolarStems, polarStems, usedAlike } from './polar-stems.js';
import { namedEvents, namedWordsOf, namesAnotherEvent, namesAnotherSubject } from './named-subjects.js';

/** Every text of an entry's reply (one, or one per channel). */
const replyTexts = (e: IntentExamples): string[] =>
  typeof e.reply === 'string' ? [e.reply] : Object.values(e.reply ?? {}).filter((r): r is string => typeof r === 'string');

/**
 * What each entry's own text (examples, keywords, negative examples) says a real match looks like:
 * the second question after "which entry is closest", namely "is it really this entry's, or a
 * look-alike its reply does not fit?".
 */
export interface EntryProfiles {
  keywords: Map<string, readonly string[]>;
  /** Entries about a promotion: their keywords name the campaign, not a symptom. */
  campaigns: Set<string>;
  /** Content stems of each entry's examples and keywords: the words a real match shares with it. */
  vocabulary: Map<string, Set<string>>;
  /** Built-in topics of each entry's own examples: a mention on another built-in topic is a look-alike. */
  topics: Map<string, Set<string>>;
  /** Look-alike cues found in each entry's own examples and keywords (lookalike-cues.ts). */
  cues: Map<string, Set<string>>;
  /** Entries whose examples all ask something: a mention that asks nothing is not theirs. */
  asking: Set<string>;
  /**
   * Entries whose examples mostly ask something or report a problem: a mention that does neither
   * (details sent in reply, a remark) is not theirs.
   */
  askingOrReporting: Set<string>;
  /**
   * Each entry's negative examples as content stems: `distinct`, the words of four letters or more
   * none of its examples or keywords use (what its authors wrote to tell look-alikes apart), and
   * `all`, every content stem of the negative example.
   */
  negativeWords: Map<string, readonly NegativeWords[]>;
  /** Device families each entry's examples, keywords, title and reply name (device-cues.ts). */
  devices: Map<string, Set<string>>;
  /** Product models ("iphone x") each entry's examples, keywords, title and reply name. */
  models: Map<string, Set<string>>;
  /** Content stems of each entry's examples, keywords, title and reply: every word its authors used. */
  wording: Map<string, Set<string>>;
  /** The problems each entry's texts name and the actions they say cannot be done (problem-cues.ts). */
  problems: Map<string, ProblemProfile>;
  /** Entries whose reply apologises: written for someone with a problem. */
  apologising: Set<string>;
  /** The names each entry's texts give the things they name ("Pac-12" for "Network"), named-subjects.ts. */
  names: Map<string, Map<string, Set<string>>>;
  /**
   * Words every example and keyword of an entry uses ("shuffle" for a shuffle incident): what the entry
   * is about, so a mention that uses none of them is about something else, however close it reads.
   */
  subjects: Map<string, Set<string>>;
  /** The campaign days each entry's texts name ("black friday"), named-subjects.ts. */
  events: Map<string, Set<string>>;
  /** Each entry's reply texts, every channel's, as runs of words: a mention holding one quotes the reply back. */
  replyRuns: Map<string, ReplyRuns>;
}

export interface NegativeWords {
  distinct: ReadonlySet<string>;
  all: ReadonlySet<string>;
  /** Its stems, plain or negated: a word counts against a mention that uses it the same way. */
  polar: PolarStems;
}

/**
 * A distinct word of a negative example that is generic (see GENERIC_WORDS) speaks against the entry
 * only with this many content stems of that negative example in the mention: "item" alone says
 * nothing about a mention that otherwise reads like the entry's own examples; "podcast" does.
 */
export const NEGATIVE_EXAMPLE_OVERLAP = 2;

const WANTS_CONTACT =
  /\b(call|ring|phone|text|email|e-mail|contact)\s(me|us)\b(?!\s(back\s)?if\b)|\b(give|gimme)\s(me|us)\sa\s(call|ring)\b|\bmy\s(phone\s)?number\sis\b/iu;
const TRIED_THEN_WORD = /\btried\s+(?:to\s+)?([\p{L}]+)/giu;

/** "My return flight" is a leg of a trip, not the refund topic's "return". */
const TRIP_LEG = /\breturn\s+(flight|trip|journey|leg|ticket)s?\b/giu;

/**
 * Under this calibrated confidence in its built-in topic, a mention that uses one of the entry's
 * keywords of two words or more is not refused for reading as another topic.
 */
export const TOPIC_OVER_KEYWORD = 0.8;

/** How sure the tone model must be that a mention is positive for it to read as praise. */
export const PRAISE_POSITIVE = 0.8;

export const emptyProfiles = (): EntryProfiles => ({
  keywords: new Map(),
  campaigns: new Set(),
  vocabulary: new Map(),
  topics: new Map(),
  cues: new Map(),
  asking: new Set(),
  askingOrReporting: new Set(),
  negativeWords: new Map(),
  devices: new Map(),
  models: new Map(),
  wording: new Map(),
  problems: new Map(),
  apologising: new Set(),
  names: new Map(),
  subjects: new Map(),
  events: new Map(),
  replyRuns: new Map(),
});

/**
 * This many words of an entry's reply in a row, in a mention, quote it back (a bot echoing it); inside
 * quotation marks, QUOTED_MARKED_WORDS do ("Hi, sorry your parcel is late" lol). Fewer in the open are a
 * customer's own question ("do black friday prices apply automatically?").
 */
const QUOTED_WORDS = 10;
const QUOTED_MARKED_WORDS = 4;
const QUOTATIONS = /["“”«»„]([^"“”«»„]+)["“”«»„]/gu;

/** The plain words of a text, variables ("{{author}}") and handles left out. */
const plainWords = (text: string): string[] =>
  text
    .replace(/\{\{[^}]*\}\}|@\w+/g, ' ')
    .toLowerCase()
    .split(/[^\p{L}\p{N}']+/u)
    .filter(Boolean);

/** Every run of `size` words of the texts, each joined by a space. */
function wordRuns(texts: readonly string[], size: number): Set<string> {
  const runs = new Set<string>();
  for (const t of texts) {
    const w = plainWords(t);
    for (let i = 0; i + size <= w.length; i++) runs.add(w.slice(i, i + size).join(' '));
  }
  return runs;
}

/** An entry's replies as runs of words: QUOTED_WORDS long (`open`) and QUOTED_MARKED_WORDS long (`marked`). */
interface ReplyRuns {
  open: ReadonlySet<string>;
  marked: ReadonlySet<string>;
}

/** Made once per knowledge load, not per mention. */
const replyRunsOf = (replies: readonly string[]): ReplyRuns => ({
  open: wordRuns(replies, QUOTED_WORDS),
  marked: wordRuns(replies, QUOTED_MARKED_WORDS),
});

/** Whether the mention quotes one of the entry's replies back, in the open or inside quotation marks. */
function quotesReply(runs: ReplyRuns | undefined, text: string): boolean {
  if (!runs || runs.open.size + runs.marked.size === 0) return false;
  if ([...wordRuns([text], QUOTED_WORDS)].some((r) => runs.open.has(r))) return true;
  const quoted = [...text.matchAll(QUOTATIONS)].map((m) => m[1]!);
  return quoted.length > 0 && [...wordRuns(quoted, QUOTED_MARKED_WORDS)].some((r) => runs.marked.has(r));
}

/** An entry needs at least this many examples and keywords for the words they all share to tell its subject. */
const SUBJECT_MIN_TEXTS = 4;

/** The content stems every one of an entry's examples and keywords uses (none: fewer texts than SUBJECT_MIN_TEXTS). */
function sharedSubjects(texts: readonly string[]): Set<string> {
  if (texts.length < SUBJECT_MIN_TEXTS) return new Set();
  let shared: Set<string> | undefined;
  for (const t of texts) {
    const own = new Set(contentStems(t));
    shared = shared ? new Set([...shared].filter((w) => own.has(w))) : own;
  }
  return shared ?? new Set();
}

const APOLOGY = /\b(sorry|apologi[sz]e|apologies)\b/i;

/** The profiles of `entries`; `topics` gives the built-in topics their examples read as. */
export function entryProfiles(entries: readonly IntentExamples[], topics: Map<string, Set<string>>): EntryProfiles {
  const texts = (e: IntentExamples) => [...e.examples, ...e.keywords];
  const allTexts = (e: IntentExamples) => [...texts(e), ...(e.title ? [e.title] : []), ...replyTexts(e)];
  const vocabulary = new Map(entries.map((e) => [e.id, new Set(texts(e).flatMap(contentStems))]));
  const wording = new Map(entries.map((e) => [e.id, new Set(allTexts(e).flatMap(contentStems))]));
  const replyWords = new Map(entries.map((e) => [e.id, new Set(replyTexts(e).flatMap(contentStems))]));
  return {
    // A keyword that only names a device ("iphone x") says what a mention is about, not what it asks.
    keywords: new Map(entries.map((e) => [e.id, e.keywords.filter((k) => !onlyNamesDevice(k))])),
    campaigns: new Set(entries.filter((e) => e.kind === 'campaign').map((e) => e.id)),
    models: new Map(entries.map((e) => [e.id, new Set(allTexts(e).flatMap((t) => [...deviceModels(t)]))])),
    wording,
    problems: new Map(
      entries.map((e) => [e.id, problemProfile(texts(e), [...texts(e), ...(e.title ? [e.title] : [])], wording.get(e.id)!)]),
    ),
    vocabulary,
    apologising: new Set(entries.filter((e) => replyTexts(e).some((r) => APOLOGY.test(r))).map((e) => e.id)),
    names: new Map(entries.map((e) => [e.id, namedWordsOf(allTexts(e))])),
    subjects: new Map(entries.map((e) => [e.id, sharedSubjects(texts(e))])),
    events: new Map(entries.map((e) => [e.id, new Set(allTexts(e).flatMap((t) => [...namedEvents(t)]))])),
    replyRuns: new Map(entries.map((e) => [e.id, replyRunsOf(replyTexts(e))])),
    topics,
    cues: new Map(entries.map((e) => [e.id, new Set(texts(e).flatMap((t) => [...ownCues(t)]))])),
    asking: new Set(entries.filter((e) => e.examples.length > 0 && e.examples.every(asksSomething)).map((e) => e.id)),
    askingOrReporting: new Set(
      entries
        .filter(
          (e) => e.examples.length > 0 && e.examples.filter((x) => asksSomething(x) || reportsProblem(x)).length * 2 >= e.examples.length,
        )
        .map((e) => e.id),
    ),
    devices: new Map(
      entries.map((e) => [
        e.id,
        new Set([...texts(e), ...(e.title ? [e.title] : []), ...replyTexts(e)].flatMap((t) => [...deviceFamilies(t)])),
      ]),
    ),
    negativeWords: new Map(
      entries.map((e) => [
        e.id,
        e.negative_examples.map((n) => {
          const all = new Set(contentStems(n));
          // A word the entry's own reply uses is what it answers ("checkout"), not what sets a look-alike apart.
          const distinct = new Set([...all].filter((w) => w.length >= 4 && !vocabulary.get(e.id)!.has(w) && !replyWords.get(e.id)!.has(w)));
          return { all, distinct, polar: polarStems(n) };
        }),
      ]),
    ),
  };
}

/**
 * Why a mention the model gives to an entry still is not the entry's: another built-in topic than
 * the entry's examples read as (a refund or a double charge about the product of a launch entry), a
 * look-alike cue the entry's examples never carry (arrived, got it, works again, thanks, tried
 * already, "what time", an opening "yes"/"nope"), a device none of the entry's texts name while
 * they name others (an Apple Watch for an iPhone incident), another model of a line the entry names (an
 * iPhone 5 for an iPhone X launch), two words of one shipped phrasing the entry's texts never use (a
 * password reset for a sign-in code entry), a negative example's own word (a generic one only with another of its words), nothing asked of
 * an entry whose examples all ask something (chatter about a promotion), or neither a question nor a
 * problem for an entry whose examples mostly have one (details sent in reply). Empty: nothing against it.
 */
export function lookalikeReasons(
  profiles: EntryProfiles,
  entryId: string,
  text: string,
  topic: string | undefined,
  /** The tone model's probability that the mention is positive, when known. */
  positive?: number,
  /** How sure the built-in model is of `topic` (calibrated), when known. */
  topicConfidence?: number,
): string[] {
  const reasons: string[] = [];
  const entryTopics = profiles.topics.get(entryId);
  // Marketing's own phrase for the issue ("discount code") outweighs a topic the model is unsure of.
  const keywordOutweighs = (topicConfidence ?? 1) < TOPIC_OVER_KEYWORD && namesSymptom(profiles, entryId, text);
  if (topic !== undefined && !TONE_INTENTS.includes(topic) && entryTopics && !entryTopics.has(topic) && !keywordOutweighs)
    reasons.push('other_topic');
  const own = profiles.cues.get(entryId);
  if ([...lookalikeCues(withoutTryingOwn(text, profiles.vocabulary.get(entryId)))].some((c) => !own?.has(c))) reasons.push('cue');
  const devices = profiles.devices.get(entryId);
  const named = deviceFamilies(text);
  if (devices?.size && [...named].some((d) => !devices.has(d) && !runsOwnProduct(devices, named, d))) reasons.push('other_device');
  const models = profiles.models.get(entryId);
  if (models?.size && [...deviceModels(text)].some((m) => !models.has(m) && [...models].some((own) => sameLine(own, m))))
    reasons.push('other_model');
  // Another name for what the entry names ("SEC Network" for a "Pac-12 Network" entry), its own never used.
  const names = profiles.names.get(entryId);
  if (names?.size && namesAnotherSubject(names, text) && !usesKeyword(profiles, entryId, text)) reasons.push('other_name');
  if (namesAnotherEvent(profiles.events.get(entryId) ?? new Set(), text)) reasons.push('other_name');
  const words = new Set(contentStems(text));
  const subjects = profiles.subjects.get(entryId);
  if (subjects?.size && ![...subjects].some((w) => words.has(w))) reasons.push('no_subject');
  if (nearNegativeExample(profiles.negativeWords.get(entryId) ?? [], polarStems(withoutFalseCues(text)))) reasons.push('negative_words');
  const untripped = text.replace(TRIP_LEG, ' ');
  if (usesShippedPhrasing(profiles.wording.get(entryId), untripped === text ? words : new Set(contentStems(untripped))))
    reasons.push('other_topic_words');
  const problems = profiles.problems.get(entryId);
  if (problems) reasons.push(...problemReasons(problems, text));
  // The entry's reply quoted back (sarcasm, a bot echoing it): answering it again would loop.
  if (quotesReply(profiles.replyRuns.get(entryId), text)) reasons.push('quotes_reply');
  // Asked to be called or written to ("call me on 0161…"): the customer wants a person, not the public reply.
  if (WANTS_CONTACT.test(text)) reasons.push('wants_contact');
  const asks = asksSomething(text);
  const reports = reportsProblem(text);
  // Praise that names the entry's topic ("loved the game in 4K") neither asks nor reports: a reply that
  // apologises, or answers questions and problems, would answer a problem nobody has, keyword or not.
  const forProblems = profiles.apologising.has(entryId) || profiles.askingOrReporting.has(entryId);
  if ((positive ?? 0) >= PRAISE_POSITIVE && !asks && !reports && forProblems) reasons.push('praise');
  if (profiles.asking.has(entryId) && !asks) reasons.push('asks_nothing');
  else if (
    profiles.askingOrReporting.has(entryId) &&
    !asks &&
    !reports &&
    (profiles.campaigns.has(entryId) || !namesSymptom(profiles, entryId, text))
  )
    reasons.push('asks_nothing');
  return reasons;
}

/**
 * Whether the mention uses a distinct word of a negative example as the example does (both plain or
 * both negated: "the fix worked" is no look-alike of "the fix does not work"): one that is not generic,
 * or a generic one along with enough of that negative example's other words.
 */
function nearNegativeExample(negatives: readonly NegativeWords[], mention: PolarStems): boolean {
  return negatives.some((n) => {
    const used = [...n.distinct].filter((w) => usedAlike(w, mention, n.polar));
    if (used.some((w) => !GENERIC_WORDS.has(w))) return true;
    return used.length > 0 && [...n.all].filter((w) => usedAlike(w, mention, n.polar)).length >= NEGATIVE_EXAMPLE_OVERLAP;
  });
}

/**
 * Whether the mention names the entry's problem in one of its keywords of two words or more ("A with a
 * question mark", "battery drain"): for
 * an incident that reports it, not details sent in reply, even without a question or a problem word.
 */
function namesSymptom(profiles: EntryProfiles, entryId: string, text: string): boolean {
  // A keyword of one word names what the entry is about ("queso"), not what goes wrong with it.
  return usesKeyword(profiles, entryId, text, 2);
}

/** Whether the mention uses one of the entry's keywords (device names excepted) of at least `minWords` content words. */
function usesKeyword(profiles: EntryProfiles, entryId: string, text: string, minWords = 1): boolean {
  const mention = stems(text);
  return (profiles.keywords.get(entryId) ?? []).some((k) => contentStems(k).length >= minWords && keywordMatches(mention, k));
}

/**
 * "Tried logging in for 20 minutes" tells the entry's own symptom (logging in fails), not a fix already
 * tried: "tried" before a word of the entry's examples or keywords is left out before cues are read.
 */
function withoutTryingOwn(text: string, vocabulary: ReadonlySet<string> | undefined): string {
  if (!vocabulary) return text;
  return text.replace(TRIED_THEN_WORD, (all, word: string) => (contentStems(word).some((w) => vocabulary.has(w)) ? word : all));
}

/** Platforms the brand's own app or website runs on: "the iPhone app" is the app, on an iPhone. */
const PLATFORMS = new Set(['iphone', 'ipad', 'android', 'computer', 'mac', 'web']);
const OWN_PRODUCTS = ['app', 'website'];

/** Whether `family` only says where the entry's own app or website runs ("android app login failing"). */
function runsOwnProduct(devices: ReadonlySet<string>, named: ReadonlySet<string>, family: string): boolean {
  if (!PLATFORMS.has(family)) return false;
  return OWN_PRODUCTS.some((p) => devices.has(p) && named.has(p));
}

const sameLine = (a: string, b: string) => a.split(' ')[0] === b.split(' ')[0];
