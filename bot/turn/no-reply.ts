import type { Understanding } from '../../intents/understanding.js';
import type { ThreadContext } from './thread-context.js';

/** Why a mention needs neither an answer nor a person. */
export type NoReplyReason = 'courtesy' | 'spam' | 'noise';

// Every pattern below is a plain alternation of literal words without nested repetition: linear in
// the text, so nothing a customer writes can stall the event loop.
const HANDLE = /@\w+/g;
const LINK = /https?:\/\/\S+|pic\.twitter\.com\/\S+|\bwww\.\S+/i;
const LINKS = new RegExp(LINK.source, 'gi');
const WORD_OR_DIGIT = /[\p{L}\p{N}]/u;
/** A letter of another script than Latin: a person points non-English mentions to local support. */
const OTHER_SCRIPT = /(?!\p{Script=Latin})\p{L}/u;

/** Gratitude, praise, a plain "ok" or a problem that is over ("works now", "all sorted"). */
const COURTESY =
  /\b(thanks|thank\s?(you|u|ya|yall)|thankyou|thx|thnx|tnx|tks|tysm|ty|cheers|gracias|merci|danke|tack|appreciated?|grateful|kudos|legends?|you\s(guys\s)?(rock|are\s(the\s)?(best|great|awesome|amazing))|love|awesome|amazing|brilliant|excellent|perfect|great|cool|nice|yay|woohoo|sounds\sgood|will\sdo|got\sit|ok|okay|okays|worked|works?\s(now|again|fine|great|perfectly|beautifully)|working\s(now|again|fine|great|perfectly)|fixed|resolved|all\s(good|sorted|set|well)|sorted|figured\sit\sout|never\s?mind|nvm|no\s(worries|problem|probs|prob)|don'?t\sworry)\b/i;

/** Courtesy idioms that carry a negation word without negating anything ("no worries"). */
const COURTESY_IDIOMS = /\b(no\s(worries|problem|probs|prob)|never\s?mind|don'?t\sworry|but\s(thanks|thank\syou|thx)\sanyway)\b/gi;

/**
 * What keeps a thanks from being only a thanks: a question, a request, a problem, a negation, a "but",
 * details (numbers, versions, devices) or a step the customer took for the agent ("replied", "sent"; a bare
 * "done" is no courtesy at all, so it goes to a person).
 * A mention with any of them needs a person (or an answer), never silence.
 */
const NEEDS_MORE =
  /[?\p{N}]|\b(but|however|though|although|still|yet|again|not|no|never|nothing|nobody|none|cannot|can't|cant|won't|wont|don't|dont|doesn't|doesnt|didn't|didnt|isn't|isnt|wasn't|wasnt|aren't|haven't|havent|hasn't|hasnt|couldn't|shouldn't|wouldn't|unfortunately|issue|issues|problem|problems|broken|broke|error|errors|crash|crashes|crashing|bug|bugs|fail|failed|fails|failing|wrong|missing|lost|late|stuck|slow|down|disappeared|disappear|gone|deleted|removed|wiped|stopped|stops|freezes|freezing|froze|frozen|keeps|kept|worse|worst|terrible|awful|hate|annoying|ridiculous|unacceptable|joke|seriously|disappointed|disappointing|sad|angry|hope|hopefully|soon|refund|charged|cancel|help\sme|need|needs|please|pls|plz|how|why|when|where|what|which|who|can\syou|could\syou|would\syou|will\syou|dm|dms|dm'd|dmed|messaged|message|sent|send|email|emailed|replied|reply\sback|advance|waiting|wait|version|ver|using|running|set\sto|iphone|ipad|mac|macbook|android|windows|ios|macos|laptop|phone|pc|app\sversion|i'm\sfrom|im\sfrom)\b/iu;

/** Built-in topics that say the mention is about something to be done. */
const PROBLEM_TOPICS = new Set(['complaint', 'delivery', 'refund', 'cancel', 'account', 'billing', 'outage', 'human']);

/** Longer than this, a thanks usually carries details: a person reads it. */
const MAX_COURTESY_WORDS = 20;
/** The built-in topic's confidence a thanks or spam needs when the words alone do not say so. */
const TOPIC_CONFIDENCE = 0.8;

const wordsOf = (text: string) => text.replace(HANDLE, ' ').split(/\s+/).filter((w) => WORD_OR_DIGIT.test(w));

/**
 * Whether a mention the bot does not answer needs no person either, and why: `noise` (nothing but
 * handles, emoji and punctuation), `courtesy` (a thanks or praise that asks and reports nothing),
 * `spam` (the spam topic, confidently, asking and reporting nothing). Conservative on purpose: a
 * mention that needed a person and is dropped is the worst mistake, so any doubt is a handoff.
 */
export function noReplyReason(text: string, understanding: Pick<Understanding, 'topic' | 'intent' | 'confidence'> | undefined, _thread?: ThreadContext): NoReplyReason | undefined {
  const bare = text.replace(HANDLE, ' ').replace(/[\u2018\u2019\u02bc]/g, "'");
  if (!LINK.test(bare) && !WORD_OR_DIGIT.test(bare)) return 'noise';
  // A link (usually a picture) is no detail in itself: the words around it are read.
  if (OTHER_SCRIPT.test(bare) || NEEDS_MORE.test(bare.replace(LINKS, ' ').replace(COURTESY_IDIOMS, ' '))) return undefined;
  const topic = understanding?.topic;
  if (topic !== undefined && PROBLEM_TOPICS.has(topic)) return undefined;
  const sure = topic !== undefined && understanding!.intent === topic && understanding!.confidence >= TOPIC_CONFIDENCE;
  const words = wordsOf(bare).length;
  if (words <= MAX_COURTESY_WORDS && COURTESY.test(bare)) return 'courtesy';
  if (sure && topic === 'spam') return 'spam';
  return undefined;
}
