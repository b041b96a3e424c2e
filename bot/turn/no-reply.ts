import type { Understanding } from '../../intents/understanding.js';
import { isFollowUp } from '../../intents/follow-up-cues.js';
import type { ThreadContext } from './thread-context.js';

/**
 * Why a mention needs neither an answer nor a person. chatter: talk about the brand to the author's
 * own followers, or small talk in a thread that never needed a person; it asks and reports nothing.
 */
export type NoReplyReason = 'courtesy' | 'spam' | 'noise' | 'chatter';

// Every pattern below is a plain alternation of literal words without nested repetition: linear in
// the text, so nothing a customer writes can stall the event loop.
const HANDLE = /@\w+/g;
const LINK = /https?:\/\/\S+|pic\.twitter\.com\/\S+|\bwww\.\S+/i;
const LINKS = new RegExp(LINK.source, 'gi');
const WORD_OR_DIGIT = /[\p{L}\p{N}]/u;
/** A heart written as text ("<3", escaped by some platforms): no number. */
const HEARTS = /&lt;3+|<3+/g;
/** A letter of another script than Latin: a person points non-English mentions to local support. */
const OTHER_SCRIPT = /(?!\p{Script=Latin})\p{L}/u;

/** Gratitude, praise, a plain "ok" or a problem that is over ("works now", "all sorted"). */
const COURTESY =
  /\b(thanks|thank\s?(you|u|ya|yall)|thankyou|thx|thnx|tnx|tks|tysm|ty|cheers|gracias|merci|danke|tack|appreciated?|grateful|kudos|legends?|you\s(guys\s)?(rock|are\s(the\s)?(best|great|awesome|amazing))|love|awesome|amazing|brilliant|excellent|perfect|great|cool|nice|yay|woohoo|sounds\sgood|will\sdo|got\sit|ok|okay|okays|worked|works?\s(now|again|fine|great|perfectly|beautifully)|working\s(now|again|fine|great|perfectly)|fixed|resolved|all\s(good|sorted|set|well)|sorted|figured\sit\sout|never\s?mind|nvm|no\s(worries|problem|probs|prob)|don'?t\sworry|i'?ll\s(just\s)?(try|wait)|i\swill\s(try|wait)|just\s(kidding|joking)|i\sunderstand|understood|my\s(mistake|bad)|fair\senough|makes\ssense|haha\w*|lol|lmao)\b/i;

/** Thanks in so many words. */
const GRATITUDE =
  /\b(thanks|thank\s?(you|u|ya|yall)|thankyou|thx|thnx|tnx|tks|tysm|ty|cheers|gracias|merci|danke|appreciated?|grateful)\b/i;

/** Courtesy idioms that carry a negation word without negating anything ("no worries"). */
const COURTESY_IDIOMS = /\b(no\s(worries|worry|problem|probs|prob)|never\s?mind|don'?t\sworry|but\s(thanks|thank\syou|thx)\sanyway)\b/gi;

/** A question or a request: someone must answer it. */
const ASKS =
  /\?|\b(please|pls|plz|help\sme|can\syou|could\syou|would\syou|will\syou|let\sme\sknow|advise|need|needs|how|why|when|where|what|which|who|i'm\sfrom|im\sfrom)\b/iu;

/** A step taken for the agent ("DM sent", "replied"): a person picks the conversation up. */
const STEP_FOR_AGENT = /\b(dm|dms|dm'd|dmed|messaged|message|sent|send|email|emailed|replied|reply\sback|advance|waiting|wait\sfor)\b/iu;

/** Details a person reads: numbers, versions, devices, settings. */
const DETAILS =
  /\p{N}|\b(version|ver|using|running|set\sto|iphone|ipad|mac|macbook|android|windows|ios|macos|laptop|phone|pc|app\sversion)\b/iu;

/** Details other than a number (a price is no detail in talk about the brand). */
const NON_PRICE_DETAILS =
  /\b(version|ver|using|running|set\sto|iphone|ipad|mac|macbook|android|windows|ios|macos|laptop|phone|pc|app\sversion)\b/iu;

/** A problem, a complaint, a contrast or a negation: with nothing that settles it, a person reads it. */
const TROUBLE =
  /\b(but|however|though|although|still|yet|again|not|no|never|nothing|nobody|none|cannot|can't|cant|won't|wont|don't|dont|doesn't|doesnt|didn't|didnt|isn't|isnt|wasn't|wasnt|aren't|haven't|havent|hasn't|hasnt|couldn't|shouldn't|wouldn't|unfortunately|issue|issues|problem|problems|broken|broke|error|errors|crash|crashes|crashing|bug|bugs|fail|failed|fails|failing|wrong|missing|lost|late|stuck|slow|down|disappeared|disappear|gone|deleted|removed|wiped|stopped|stops|freezes|freezing|froze|frozen|keeps|kept|worse|worst|terrible|awful|hate|annoying|ridiculous|unacceptable|joke|seriously|disappointed|disappointing|sad|angry|hope|hopefully|soon|refund|charged|cancel)\b/iu;

/**
 * The customer says the matter is settled: it works now, they sorted it out, or they close the
 * conversation ("thanks anyway", "but thanks"). Problem words and details beside it are its story.
 */
const SETTLED =
  /\b(works?\s(now|again|fine\snow|perfectly\snow)|working\s(now|again|fine\snow|perfectly\snow)|all\sis\s(well|working)|(it|that|this)\s(worked|helped|did\sthe\strick)|(it'?s|is|was|been|got|all|problem|issue|that|situation|everything)\s(now\s)?(solved|resolved|sorted|fixed)|(fixed|sorted|solved|resolved)\s(it|itself|now|everything)|fixes\s(it|everything|the\s(issue|problem))|(got|gotten)\sit\sto\swork|resolves?\sthe\s(issue|problem)|(is|are|was|were)\s(all\s)?back|back\s(to\snormal|in\saction|to\sperfection|up\sand\srunning)|figured\s(it\s)?out|all\s(good|sorted|set)|got\sit\sworking|(thanks|thank\syou|thx|cheers)\s(anyway|anyways|though|regardless)|but\s(thanks|thank\syou|thank\su|thx|tks|appreciate))\b/iu;

/** A settling word turned around ("haven't solved it", "not fixed"): nothing is settled. */
const UNSETTLED =
  /\b(hope|hoping|hopefully|if|until|not|never|no|haven't|havent|hasn't|hasnt|didn't|didnt|isn't|isnt|wasn't|wasnt|without)\s(\S+\s){0,3}(solved|resolved|sorted|fixed|working|works|solution)\b/iu;

/** Built-in topics that say the mention is about something to be done. */
const PROBLEM_TOPICS = new Set(['complaint', 'delivery', 'refund', 'cancel', 'account', 'billing', 'outage', 'human']);

/** Longer than this, a thanks usually carries details: a person reads it. */
const MAX_COURTESY_WORDS = 30;
/** The thanks topic's confidence that reads a whole mention as a thanks, a problem told along with it included. */
const THANKS_CONFIDENCE = 0.9;
/** The built-in topic's confidence a thanks or spam needs when the words alone do not say so. */
const TOPIC_CONFIDENCE = 0.8;

/** Replies start with the handles they answer; a post that names the brand further on talks about it. */
const ADDRESSED = /^[\s.]*@\w+/;

const wordsOf = (text: string) =>
  text
    .replace(HANDLE, ' ')
    .split(/\s+/)
    .filter((w) => WORD_OR_DIGIT.test(w));

/**
 * Whether a mention the bot does not answer needs no person either, and why: `noise` (nothing but
 * handles, emoji and punctuation), `courtesy` (a thanks or praise that asks and reports nothing),
 * `spam` (the spam topic, confidently, asking and reporting nothing). Conservative on purpose: a
 * mention that needed a person and is dropped is the worst mistake, so any doubt is a handoff.
 */
export function noReplyReason(
  text: string,
  understanding: Pick<Understanding, 'topic' | 'intent' | 'confidence'> | undefined,
  context: { thread?: ThreadContext; brandHandles?: readonly string[] } = {},
): NoReplyReason | undefined {
  const isChatter = () => talksAboutBrand(text, context.brandHandles ?? []) || context.thread?.smallTalk === true;
  const bare = text
    .replace(HANDLE, ' ')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(HEARTS, ' ');
  if (!LINK.test(bare) && !WORD_OR_DIGIT.test(bare)) return 'noise';
  // A link (usually a picture) is no detail in itself: the words around it are read.
  const unlinked = bare.replace(LINKS, ' ');
  const words = unlinked.replace(COURTESY_IDIOMS, ' ');
  if (OTHER_SCRIPT.test(bare) || ASKS.test(words) || STEP_FOR_AGENT.test(words) || isFollowUp(words)) return undefined;
  const topic = understanding?.topic;
  // The customer closes the matter, in so many words or (a confident thanks) as a whole.
  const unsettled = UNSETTLED.test(words);
  const courteous = COURTESY.test(bare) && !unsettled;
  const settled =
    (SETTLED.test(unlinked) && !unsettled) ||
    (courteous && topic === 'thanks' && understanding!.confidence >= THANKS_CONFIDENCE && !DETAILS.test(words));
  const trouble = TROUBLE.test(words);
  if (!settled && (trouble || DETAILS.test(words))) {
    // Prices and numbers in talk about the brand, or in small talk, are no details for a person.
    return !trouble && isChatter() && !NON_PRICE_DETAILS.test(words) ? 'chatter' : undefined;
  }
  // The topic model reads a short thanks as a complaint or an outage easily; the words above said there is none.
  if (!settled && !GRATITUDE.test(bare) && topic !== undefined && PROBLEM_TOPICS.has(topic)) return undefined;
  const sure = topic !== undefined && understanding!.intent === topic && understanding!.confidence >= TOPIC_CONFIDENCE;
  if (wordsOf(bare).length <= MAX_COURTESY_WORDS && (settled || courteous)) return 'courtesy';
  if (sure && topic === 'spam') return 'spam';
  return isChatter() ? 'chatter' : undefined;
}

/**
 * A public post that names the brand further on rather than starting with handles: talk about the
 * brand to the author's followers. Mentions without the brand's handle (a page comment, a chat) are
 * always to the brand.
 */
function talksAboutBrand(text: string, brandHandles: readonly string[]): boolean {
  if (ADDRESSED.test(text)) return false;
  const named = new Set(brandHandles.map((h) => h.replace(/^@/, '').toLowerCase()));
  for (const m of text.matchAll(HANDLE)) if (named.has(m[0].slice(1).toLowerCase())) return true;
  return false;
}
