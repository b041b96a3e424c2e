import { tokenize } from './features/tokenize.js';
import { findAt, isNegation, negatedAt } from './negation.js';
import { PROBLEM_WORDS, reportsProblem } from './problem-words.js';

/**
 * General look-alike knowledge: the words that turn a mention about an entry's topic into one its
 * reply does not fit. A sentence embedding reads "my parcel arrived" next to "my parcel has not
 * arrived" and "what time do you stop delivering" next to "where is my delivery"; these cues tell
 * them apart. A cue counts against an entry only when none of the entry's own examples carries it, so
 * an entry written about "works again" or "what time" questions keeps its matches. Written for this
 * project.
 */

/** A state reached, a courtesy or a fix tried: the entry's reply does not fit (arrived, got it, works again, thanks, tried that). */
const STATE_CUES: Record<string, readonly (readonly string[])[]> = {
  arrived: [['arrived'], ['arrives'], ['came'], ['turned', 'up'], ['showed', 'up']],
  received: [['received'], ['delivered'], ['got', 'it'], ['got', 'my'], ['picked', 'up'], ['collected']],
  works: [
    ['works'],
    ['working'],
    ['worked'],
    ['fine'],
    ['fixed'],
    ['sorted'],
    ['solved'],
    ['resolved'],
    ['back', 'to', 'normal'],
    ['all', 'good'],
  ],
  thanks: [['thanks'], ['thank'], ['thx'], ['ty'], ['cheers'], ['appreciate'], ['no', 'worries']],
  /** The usual fix was already tried: the entry's reply would only repeat it. */
  tried: [['already'], ['tried'], ['i', 'set'], ['i', 'turned'], ['i', 'switched']],
  /** Everything fails, not the one thing the entry names ("can't search, can't play, whatever I try"): a wider problem. */
  everything: [['everything'], ['whatever']],
  /** Someone puts the fault on the brand ("Blizzard says the problem is on your end"): a person looks into it. */
  blamed: [['on', 'your', 'end'], ['on', 'your', 'side'], ['your', 'fault'], ['blames'], ['blaming'], ['blamed']],
  /** Where the customer is keeps it from them ("not showing up here in the US", "in my country"): a rights matter, not an incident. */
  region: [
    ['country'],
    ['region'],
    ['regions'],
    ['in', 'the', 'us'],
    ['in', 'the', 'uk'],
    ['where', 'i', 'live'],
    ['vpn'],
    ['geo', 'blocked'],
    ['geoblocked'],
  ],
};

/**
 * Question frames that ask something an entry's reply rarely answers unless its examples ask it too
 * (opening times, prices, durations, how-to, eligibility, planned work).
 */
export const QUESTION_FRAMES: Record<string, readonly (readonly string[])[]> = {
  time: [
    ['what', 'time'],
    ['opening', 'hours'],
    ['until', 'when'],
    ['how', 'late'],
  ],
  amount: [
    ['how', 'much'],
    ['how', 'many'],
  ],
  duration: [['how', 'long']],
  howto: [
    ['how', 'do', 'i'],
    ['how', 'can', 'i'],
    ['how', 'to'],
  ],
  may: [
    ['can', 'i'],
    ['could', 'i'],
    ['am', 'i', 'able'],
  ],
  /**
   * Work announced ahead ("maintenance tonight?"): not the incident that happened, unless the entry is
   * about it. Not "planned" alone: "the work I planned to do" is no announcement.
   */
  planned: [['maintenance'], ['downtime'], ['planned', 'outage'], ['scheduled', 'outage'], ['planned', 'work'], ['scheduled', 'work']],
};

function cuesIn(tokens: readonly string[], cues: Record<string, readonly (readonly string[])[]>, negatable: boolean): Set<string> {
  const found = new Set<string>();
  for (const [cue, phrases] of Object.entries(cues)) {
    for (const phrase of phrases) {
      const hit = findAt(tokens, phrase).some((i) => !negatable || !negatedAt(tokens, i));
      if (hit) found.add(cue);
    }
  }
  return found;
}

/** Words that open an answer to someone else's question ("Yes, ...", "Nope, ..."), not a new request. */
const REPLY_OPENINGS = new Set(['yes', 'yeah', 'yep', 'yup', 'nope', 'nah', 'ok', 'okay', 'sure', 'done', 'tried', 'correct']);

const WORK = new Set(['work', 'works', 'worked', 'working', 'help', 'helped']);
const NO_RESULT = new Set(['luck', 'change', 'difference', 'joy']);

/**
 * A post that opens by saying the fix did nothing ("Didn't work.", "still not working", "no luck"):
 * the usual steps were tried, and the entry's reply would only repeat them.
 */
function opensTried(tokens: readonly string[], start: number): boolean {
  const [a, b, c] = tokens.slice(start, start + 3);
  if (a === 'no' && b !== undefined && NO_RESULT.has(b)) return true;
  // Not "no help from anyone": a complaint, not a fix tried.
  if (a !== undefined && a !== 'no' && isNegation(a) && b !== undefined && WORK.has(b)) return true;
  return a === 'still' && b !== undefined && isNegation(b) && c !== undefined && WORK.has(c);
}

/** "The date came and went": the time passed, nothing came. */
const CAME_AND_WENT = /\b(came|come)\s+and\s+(went|gone)\b/giu;
/** "Are prices already reduced?": "already" in a question asks about a state, it tells of no fix tried. */
const SENTENCE_END = /(?<=[.!?])/u;
/** "Worked fine yesterday", "was working until…": it used to work, it does not now. */
const USED_TO_WORK =
  /\b(worked|was\s+working|were\s+working)(\s+\S+){0,2}?\s+(yesterday|before|earlier|until|till|last\s+(night|week|month|time))\b/giu;
/** "Tried 5 times", "tried several times": the action tried again and again, no fix tried. */
const TRIED_AGAIN =
  /\btried\s+((\d+|two|three|four|five|several|many|multiple|numerous|a\s+few|a\s+couple\s+of|a\s+million|so\s+many)\s+times|again\s+and\s+again)\b/giu;
/**
 * A thanks that signs off a request or a report ("…I haven't received it. Could you let me know? Thank
 * you."): politeness, not the matter settled.
 */
const SIGN_OFF = /([.!?]|^)\s*((many\s+)?(thanks|thank\s+you|thx|ty|cheers)(\s+(so\s+much|in\s+advance|a\s+lot))?)[\s.!🙏]*$/iu;

/** "everything else is fine": the one thing named is the matter, not everything. */
const EVERYTHING_ELSE = /\b(everything|whatever)\s+else\b/giu;

/** The text with the phrases that carry a cue word without meaning the cue ("the date came and went"). */
export function withoutFalseCues(text: string): string {
  let t = text
    .replace(CAME_AND_WENT, ' passed ')
    .replace(EVERYTHING_ELSE, ' ')
    .split(SENTENCE_END)
    .map((sentence) => (sentence.endsWith('?') ? sentence.replace(/\balready\b/giu, ' ') : sentence))
    .join('')
    .replace(USED_TO_WORK, ' used to ')
    .replace(TRIED_AGAIN, ' again ');
  const signOff = SIGN_OFF.exec(t);
  if (signOff) {
    const before = t.slice(0, signOff.index + signOff[1]!.length);
    if (asksSomething(before) || reportsProblem(before)) t = before;
  }
  return t;
}

/** The look-alike cues of one text: `state:<cue>` (not negated), `ask:<frame>` and `reply:opening`. */
export function lookalikeCues(text: string): Set<string> {
  const tokens = tokenize(withoutFalseCues(text));
  const cues = new Set<string>();
  const start = tokens.findIndex((t) => t !== 'xuser' && t !== 'xurl');
  if (start >= 0 && REPLY_OPENINGS.has(tokens[start]!)) cues.add('reply:opening');
  if (start >= 0 && opensTried(tokens, start)) cues.add('state:tried');
  for (const c of cuesIn(tokens, STATE_CUES, true)) cues.add(`state:${c}`);
  for (const c of cuesIn(tokens, QUESTION_FRAMES, false))
    if (c !== 'may' || !(onlyAsksForHelp(tokens) || onlyAfterWhWord(tokens))) cues.add(`ask:${c}`);
  return cues;
}

/**
 * The cues an entry's own example carries: its look-alike cues, and a permission frame even after a
 * wh-word ("when can I pre-order"), so that a mention asking "can I still pre-order" stays its own.
 */
export function ownCues(text: string): Set<string> {
  const cues = lookalikeCues(text);
  const tokens = tokenize(text);
  if (QUESTION_FRAMES.may!.some((p) => findAt(tokens, p).length > 0)) cues.add('ask:may');
  return cues;
}

/** Phrases of the states that close a matter: the parcel came, the order is in hand, it works again. */
const CLOSING_PHRASES = (['arrived', 'received', 'works'] as const).flatMap((s) => STATE_CUES[s]!);
/** Words that keep a matter open without a negation: "still waiting", "not here yet". */
const STILL_OPEN = new Set(['still', 'waiting', 'yet']);

/**
 * Whether a text says its matter is over ("got my order at last"), or still open ("my order still
 * hasn't arrived", "still waiting for my order", "late again"). Neither, for most texts.
 */
export function matterState(text: string): 'closed' | 'open' | undefined {
  const tokens = tokenize(text);
  let closed = false;
  let denied = false;
  for (const phrase of CLOSING_PHRASES)
    for (const i of findAt(tokens, phrase)) {
      if (negatedAt(tokens, i)) denied = true;
      else closed = true;
    }
  if (closed) return denied ? undefined : 'closed';
  // A problem told with nothing settled ("my order is late again") is open too.
  return denied || tokens.some((t) => STILL_OPEN.has(t) || PROBLEM_WORDS.has(t) || isNegation(t)) ? 'open' : undefined;
}

/** Whether every "can I"/"could I" of the text follows a wh-word ("where can I see the deals"): a question of place or time, not of permission. */
function onlyAfterWhWord(tokens: readonly string[]): boolean {
  const at = QUESTION_FRAMES.may!.flatMap((p) => findAt(tokens, p));
  return at.length > 0 && at.every((i) => i > 0 && WH_WORDS.has(tokens[i - 1]!));
}

/** Words a request for help ends on: "can I get help", "could I have some assistance". */
const HELP_WORDS = new Set(['help', 'assistance', 'support']);
const HELP_REACH = 3;

/**
 * Whether every "can I"/"could I" of the text asks for help with the problem ("can I get help with
 * this?"), not whether something is allowed: a request any entry's reply answers.
 */
export function onlyAsksForHelp(tokens: readonly string[]): boolean {
  return QUESTION_FRAMES.may!.every((phrase) =>
    findAt(tokens, phrase).every((i) => tokens.slice(i + phrase.length, i + phrase.length + HELP_REACH).some((t) => HELP_WORDS.has(t))),
  );
}

const QUESTION_START = new Set([
  'is',
  'are',
  'am',
  'do',
  'does',
  'did',
  'can',
  'could',
  'will',
  'would',
  'should',
  'shall',
  'may',
  'have',
  'has',
  'what',
  'whats',
  "what's",
  'when',
  'where',
  'why',
  'how',
  'which',
  'who',
  'whos',
  'any',
  'anyone',
]);
/**
 * The question word of a contraction: "where's", "how'd", "isn't", "can't" open questions as "where",
 * "how", "is", "can" do (tokenize writes the apostrophe straight); "wheres" and "hows" likewise.
 */
function uncontracted(token: string): string {
  const negated = /^(\w+)n't$/.exec(token)?.[1];
  if (negated) return negated === 'ca' ? 'can' : negated === 'wo' ? 'will' : negated;
  const clitic = /^(\w+)'(?:s|d|re|ll|ve)$/.exec(token)?.[1];
  if (clitic) return clitic;
  return /^(where|how|when|why)s$/.test(token) ? token.slice(0, -1) : token;
}

/** A wh-word straight before its subject opens a clause, not a question ("when you're the only one in costume"). */
const WH_WORDS = new Set(['what', 'when', 'where', 'why', 'how', 'which', 'who']);
const SUBJECTS = new Set(['i', "i'm", 'im', 'you', "you're", 'youre', 'we', "we're", 'they', "they're", 'he', 'she', 'it', "it's"]);
const REQUEST_WORDS = new Set(['help', 'please', 'pls', 'plz', 'fix', 'explain', 'wondering', 'wonder', 'know', 'tell', 'need', 'want']);

/**
 * Whether a text asks something or asks for something: a question mark, a question word opening a
 * clause, or a request word. Chatter about a promotion ("$3 burritos tonight!") does neither.
 */
export function asksSomething(text: string): boolean {
  if (text.includes('?')) return true;
  const tokens = tokenize(text).filter((t) => t !== 'xuser' && t !== 'xurl');
  if (tokens.some((t) => REQUEST_WORDS.has(t))) return true;
  // Each sentence may open a question without its mark ("it was due monday. where is it"); an
  // ellipsis goes on with the same sentence ("...which is unrelated").
  return text
    .split(/(?<!\.)\.(?!\.)|[!;\n]+/)
    .map((sentence) => tokenize(sentence).filter((t) => t !== 'xuser' && t !== 'xurl'))
    .some((words) =>
      words.some(
        (t, i) =>
          QUESTION_START.has(uncontracted(t)) &&
          (i === 0 || /^(but|so|and|then|also|btw|hey|hi|ok|okay)$/.test(words[i - 1]!)) &&
          !(WH_WORDS.has(t) && SUBJECTS.has(words[i + 1] ?? '')),
      ),
    );
}
