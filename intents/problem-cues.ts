import { stem, tokenize } from './features/tokenize.js';
import { onlyAsksForHelp, QUESTION_FRAMES } from './lookalike-cues.js';
import { findAt, isNegation, negatedAt } from './negation.js';

/**
 * What a mention says is wrong, and what it asks to do or says it did, beside what an entry's own
 * texts say: an entry written about songs that will not play does not fit a song credited to the
 * wrong artist, nor "how do I move from the student plan" an entry about getting on it, nor "I ordered
 * online" an entry about ordering being impossible. Read by the entry verifier (entry-verifier.ts).
 * Written for this project.
 */

/**
 * Kinds of problem named by a specific word. Words that say only that something is wrong ("issue",
 * "broken", "not working") name no kind: they fit any entry's problem.
 */
const PROBLEM_KINDS: Record<string, readonly string[]> = {
  wrong: ['wrong', 'incorrect', 'incorrectly', 'mistaken'],
  missing: ['missing', 'disappeared', 'disappear', 'disappears', 'vanished', 'gone', 'lost', 'deleted', 'removed'],
  late: ['late', 'delayed', 'slow', 'lagging', 'laggy', 'lags'],
  damaged: ['damaged', 'cracked', 'smashed', 'scratched', 'dented', 'crushed', 'soaked', 'leaking'],
  crash: ['crash', 'crashes', 'crashing', 'crashed', 'freeze', 'freezes', 'freezing', 'frozen', 'froze'],
  drain: ['drain', 'drains', 'draining', 'drained', 'dies', 'died', 'dead', 'killing', 'kills'],
  charged: ['charged', 'overcharged', 'billed'],
  heat: ['hot', 'overheating', 'overheats'],
};

const GOES_WRONG = new Set(['went', 'gone', 'go', 'goes', 'going']);

/** Words of something arriving: negated, something is missing. */
const ARRIVAL = new Set(['came', 'come', 'arrived', 'arrive', 'received', 'receive', 'delivered', 'showed', 'turned']);

const KIND_OF = new Map(Object.entries(PROBLEM_KINDS).flatMap(([kind, words]) => words.map((w) => [w, kind] as const)));

/** The kinds of problem a text names, not negated ("it isn't late" names none). */
export function problemKinds(text: string): Set<string> {
  return readKinds(text).told;
}

/**
 * The kinds of problem a text tells, and those it denies ("my parcel is not late", "it isn't damaged"),
 * read in one pass over its tokens.
 */
function readKinds(text: string): { told: Set<string>; denied: Set<string> } {
  const tokens = tokenize(text);
  const told = new Set<string>();
  const denied = new Set<string>();
  tokens.forEach((t, i) => {
    const kind = KIND_OF.get(t);
    const negated = negatedAt(tokens, i);
    if (kind && negated) denied.add(kind);
    // "Something went wrong" is an error message, which fits any entry's problem: no kind.
    if (kind === 'wrong' && GOES_WRONG.has(tokens[i - 1] ?? '')) return;
    if (kind && !negated) told.add(kind);
    // "never came", "hasn't arrived", "didn't receive it": something missing, in words of its arrival.
    if (ARRIVAL.has(t) && negated) told.add('missing');
  });
  return { told, denied };
}

/** Words between a question frame and the action it asks about ("how do I *still* get..."). */
const FILLERS = new Set(['still', 'just', 'really', 'even', 'also', 'actually', 'please', 'pls', 'now', 'ever', 'somehow', 'not']);

/**
 * The actions a text asks how to do or whether it may do, as stems: "how do I move my plan" -> move,
 * "can I gift 3 months" -> gift. A request for help ("can I get help") asks about no action.
 */
export function askedActions(text: string): Set<string> {
  const tokens = tokenize(text);
  const actions = new Set<string>();
  const frames = [...QUESTION_FRAMES.howto!, ...(onlyAsksForHelp(tokens) ? [] : QUESTION_FRAMES.may!)];
  for (const frame of frames) {
    for (const at of findAt(tokens, frame)) {
      let i = at + frame.length;
      while (i < tokens.length && FILLERS.has(tokens[i]!)) i++;
      if (i < tokens.length && /^[a-z]+$/.test(tokens[i]!)) actions.add(stem(tokens[i]!));
    }
  }
  return actions;
}

/** Words that stand between a negation and the action it blocks ("can't *let me* order", "won't *be able to* log in"). */
const BLOCK_FILLERS = new Set([
  'i',
  'we',
  'you',
  'me',
  'us',
  'let',
  'be',
  'able',
  'to',
  'even',
  'seem',
  'allow',
  'anyone',
  'any',
  'get',
  'a',
  'the',
]);

/**
 * The actions a text says cannot be done, as stems: "I can't order ahead" -> order, "the website won't
 * let me order" -> order, "I never got it" -> got.
 */
export function blockedActions(text: string): Set<string> {
  const tokens = tokenize(text);
  const actions = new Set<string>();
  tokens.forEach((t, i) => {
    if (!isNegation(t)) return;
    let j = i + 1;
    while (j < tokens.length && BLOCK_FILLERS.has(tokens[j]!)) j++;
    if (j < tokens.length && /^[a-z]+$/.test(tokens[j]!)) actions.add(stem(tokens[j]!));
  });
  return actions;
}

const DOERS = new Set(['i', 'we', "i've", 'ive', "we've"]);
const DOER_FILLERS = new Set(['just', 'finally', 'already', 'also', 'then', 'have', 'successfully']);

/** The actions a text says its writer did, as stems ("I ordered online for 6pm" -> order): past tense after "I"/"we", not negated. */
export function doneActions(text: string): Set<string> {
  const tokens = tokenize(text);
  const actions = new Set<string>();
  tokens.forEach((t, i) => {
    if (!DOERS.has(t)) return;
    let j = i + 1;
    while (j < tokens.length && DOER_FILLERS.has(tokens[j]!)) j++;
    const verb = tokens[j];
    if (verb && /^[a-z]+ed$/.test(verb)) actions.add(stem(verb));
  });
  return actions;
}

/** Actions that undo or change a purchase, as stems: a customer who did one asks about that, not the entry's matter. */
const UNDOING = new Set([
  'cancel',
  'return',
  'refund',
  'exchang',
  'unsubscrib',
  'downgrad',
  'upgrad',
  'switch',
  'chang',
  'transfer',
  'port',
]);

/** Verbs too general to say what is asked ("can I get...", "how do I do..."): they decide nothing. */
const GENERAL_ACTIONS = new Set(['get', 'have', 'be', 'do', 'go', 'use', 'make', 'see', 'know', 'find', 'tell', 'ask', 'say']);

/** What an entry's own texts say: the problems they name, what they say cannot be done. */
export interface ProblemProfile {
  problems: ReadonlySet<string>;
  blocked: ReadonlySet<string>;
  /** Content stems of the entry's texts (entry-verifier.ts `wording`). */
  wording: ReadonlySet<string>;
}

/**
 * The profile of an entry's texts: `own` (examples and keywords) say what cannot be done, and an
 * action they also say was done ("I ordered but...") is no such action; `problem` (examples, keywords
 * and title: not the reply, which names the state a fix reaches, "the bars should be gone") the
 * problems named.
 */
export function problemProfile(own: readonly string[], problem: readonly string[], wording: ReadonlySet<string>): ProblemProfile {
  const done = new Set(own.flatMap((t) => [...doneActions(t)]));
  return {
    problems: new Set(problem.flatMap((t) => [...problemKinds(t)])),
    blocked: new Set(own.flatMap((t) => [...blockedActions(t)]).filter((a) => !done.has(a))),
    wording,
  };
}

/**
 * Why a mention is not about the entry's problem: it names a kind of problem the entry's texts never
 * name (`other_problem`), asks how or whether to do something they never mention (`other_question`),
 * says its writer did what they say cannot be done (`done`: "I ordered online for 6pm" for
 * ordering that is off), undid or changed a purchase in a way they never mention (`undone`: "I
 * cancelled my order" for late parcels), or denies the entry's own problem (`denied`: "my parcel is
 * not late").
 */
export function problemReasons(profile: ProblemProfile, text: string): string[] {
  const reasons: string[] = [];
  const kinds = readKinds(text);
  if ([...kinds.told].some((k) => !profile.problems.has(k))) reasons.push('other_problem');
  // "My parcel is not late": the entry's own problem denied, and none of its problems told.
  if ([...kinds.denied].some((k) => profile.problems.has(k)) && ![...kinds.told].some((k) => profile.problems.has(k)))
    reasons.push('denied');
  if ([...askedActions(text)].some((a) => !GENERAL_ACTIONS.has(a) && !profile.wording.has(a))) reasons.push('other_question');
  const done = doneActions(text);
  if ([...done].some((a) => profile.blocked.has(a))) reasons.push('done');
  // "I cancelled my order but the parcel is still coming": the order's state is not the entry's matter.
  if ([...done].some((a) => UNDOING.has(a) && !profile.wording.has(a))) reasons.push('undone');
  return reasons;
}
