import type { Understanding } from '../../intents/understanding.js';
import { isFollowUp } from '../../intents/follow-up-cues.js';
import {
  AGENT_SIGNATURE,
  ASIDE,
  ASKS,
  CLOSING,
  CONTRAST,
  COURTESY,
  COURTESY_IDIOMS,
  DETAILS,
  DISPLEASED,
  DISPLEASED_EMOJI,
  GRATITUDE,
  HANDLE,
  HEARTS,
  HEDGED,
  LINK,
  LINKS,
  NON_PRICE_DETAILS,
  OTHER_SCRIPT,
  PAST_TIME,
  PART_OF_MORE,
  PRAISE,
  PROMOTION,
  PUZZLED,
  QUESTION_FORM,
  RECURRED,
  RECURRING,
  REQUEST,
  SAME_HERE,
  SETTLED,
  SHOWN,
  SPAM_OFFER,
  STEP_FOR_AGENT,
  TEMPORARY,
  THANKS_OTHER_SCRIPT,
  TROUBLE,
  UNSETTLED,
  WISHES,
  WORD_OR_DIGIT,
} from './no-reply-words.js';
import type { ThreadContext } from './thread-context.js';

/**
 * Why a mention needs neither an answer nor a person. chatter: talk about the brand to the author's
 * own followers, or small talk in a thread that never needed a person; it asks and reports nothing.
 */
export type NoReplyReason = 'courtesy' | 'spam' | 'noise' | 'chatter';

/** Built-in topics that say the mention is about something to be done. */
const PROBLEM_TOPICS = new Set(['complaint', 'delivery', 'refund', 'cancel', 'account', 'billing', 'outage', 'human']);

/** Longer than this, a thanks carries details or a second matter too often: a person reads it (COURTESY_MAX_WORDS). */
const COURTESY_MAX_WORDS = 30;
/** Praise or an "ok" without a thanks or a settled matter: longer than this, it often tells or asks something else. */
const PRAISE_MAX_WORDS = 12;
/** The thanks topic's confidence that reads a whole mention as a thanks, a problem told along with it included. */
const THANKS_CONFIDENCE = 0.9;
/** The built-in topic's confidence a thanks or spam needs when the words alone do not say so. */
const TOPIC_CONFIDENCE = 0.8;

/**
 * Replies start with the handles they answer, perhaps after a greeting ("hi @acme", "Hey there
 * @acme,"); a post that names the brand further on talks about it.
 */
const ADDRESSED =
  /^[\s.]*((hi|hey|hello|hiya|howdy|yo|dear|morning|good\s(morning|afternoon|evening))(\s(there|guys|team|folks|all))?[\s,!.]*)?@\w+/iu;
/** How close to settling words a time limit must be to take them back. */
const NEAR_CHARS = 25;
/** Up to this many words, a post in another language than the file's may still be a plain "merci". */
const SHORT_POST_WORDS = 3;

const COURTESY_WORDS = new RegExp(COURTESY.source, 'giu');
const PROMOTIONS = new RegExp(PROMOTION.source, 'giu');
/** Words that carry nothing beside a thanks ("oh ok, thanks so much guys"). */
const FILLER =
  /\b(o+h+|ah+|aw+|awe|wow|yes+|yep|yeah|yea|sure|so|very|much|a|lot|again|guys|you|all|for|the|your|help|reply|response|quick|fast|and|just|that|it|this|is|was|me|we|i|really|super|too|also)\b/giu;

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
  context: {
    thread?: ThreadContext;
    brandHandles?: readonly string[];
    /** The mention is in a language the knowledge file does not answer in: a person points it to local support. */
    otherLanguage?: boolean;
    /** The longest thanks or praise decided a courtesy, in words (default COURTESY_MAX_WORDS). */
    courtesyWords?: number;
  } = {},
): NoReplyReason | undefined {
  text = unstretched(text);
  const isChatter = () => talksAboutBrand(text, context.brandHandles ?? []) || context.thread?.smallTalk === true;
  const bare = text
    .replace(HANDLE, ' ')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(HEARTS, ' ')
    // A thanks in another script reads as a thanks ("ありがとう"); the rest of the post still in its own script.
    .replace(THANKS_OTHER_SCRIPT, ' thanks ');
  // A question mark alone is a customer still waiting, or lost; an angry face alone is displeasure: a
  // person reads them.
  if (!LINK.test(bare) && !WORD_OR_DIGIT.test(bare)) return PUZZLED.test(bare) || DISPLEASED_EMOJI.test(bare) ? undefined : 'noise';
  // A signed agent's reply or a promotion with its link, posted to everyone: the brand talking, not a customer.
  if (signedByAgent(text) || isPromotion(text, bare)) return 'chatter';
  // A spam offer, from someone not already in a conversation here: whatever else it says.
  if (SPAM_OFFER.test(bare) && !context.thread?.followed) return 'spam';
  if (context.otherLanguage && wordsOf(bare).length > SHORT_POST_WORDS) return undefined;
  // A link (usually a picture) is no detail in itself: the words around it are read.
  const unlinked = bare.replace(LINKS, ' ');
  const words = unlinked.replace(COURTESY_IDIOMS, ' ');
  const unsettled =
    UNSETTLED.test(words) ||
    (HEDGED.test(words) && TROUBLE.test(words.replace(WISHES, ' '))) ||
    RECURRING.test(words) ||
    takenBack(unlinked);
  const settledInWords = (SETTLED.test(unlinked) || CLOSING.test(unlinked)) && !unsettled;
  // "tried that, it works now": a follow-up's words that end in the matter settled.
  if (OTHER_SCRIPT.test(bare) || asks(words) || STEP_FOR_AGENT.test(words) || (isFollowUp(words) && !settledInWords)) return undefined;
  if (DISPLEASED.test(words) || PART_OF_MORE.test(unlinked) || ASIDE.test(words) || (LINK.test(bare) && SHOWN.test(words)))
    return undefined;
  const topic = understanding?.topic;
  // Beside a thanks, a wish or an aside is no problem; a problem word or a negation still is.
  const thanked = GRATITUDE.test(bare);
  const trouble = TROUBLE.test(thanked ? words.replace(WISHES, ' ') : words) || DISPLEASED_EMOJI.test(bare);
  // The customer closes the matter, in so many words or (a confident thanks that tells no problem) as a whole.
  const courteous = COURTESY.test(bare) && !unsettled;
  const settled =
    settledInWords ||
    (courteous && !trouble && topic === 'thanks' && understanding!.confidence >= THANKS_CONFIDENCE && !DETAILS.test(words));
  // The topic model reads a short thanks as a complaint or an outage easily; the words say whether there is one.
  const onlyCourtesy = !WORD_OR_DIGIT.test(words.replace(COURTESY_WORDS, ' ').replace(FILLER, ' '));
  const outweighsTopic = onlyCourtesy || thanked || PRAISE.test(unlinked);
  const problemTopic = !settled && !outweighsTopic && topic !== undefined && PROBLEM_TOPICS.has(topic);
  if (!settled && (trouble || DETAILS.test(words))) {
    // Prices and numbers in talk about the brand, or in small talk, are no details for a person; a complaint's are.
    return !trouble && !problemTopic && isChatter() && !NON_PRICE_DETAILS.test(words) ? 'chatter' : undefined;
  }
  if (problemTopic) return undefined;
  const sure = topic !== undefined && understanding!.intent === topic && understanding!.confidence >= TOPIC_CONFIDENCE;
  // Praise or an "ok" alone is a courtesy when short; a longer post needs a thanks or a settled matter in so many words.
  const limit = context.courtesyWords ?? COURTESY_MAX_WORDS;
  const courtesyWords = thanked || settledInWords ? limit : Math.min(limit, PRAISE_MAX_WORDS);
  if (wordsOf(bare).length <= courtesyWords && (settled || courteous)) return 'courtesy';
  // Spam accounts do not hold conversations: an author whose earlier post here needed a person or got
  // an answer is a customer, however the model reads this one ("Daily post will be tweeted").
  if (sure && topic === 'spam' && !context.thread?.followed) return 'spam';
  // A link alone (a screenshot, most often) shows something to the agent, small talk before it or not.
  return isChatter() && WORD_OR_DIGIT.test(unlinked) ? 'chatter' : undefined;
}

/** A letter held three times or more ("thaaanks", "sweeeet", "noooo"). */
const STRETCH = /(\p{L})\1{2,}/gu;

/**
 * A stretched word as it is meant: the letter once when that makes a courtesy, a problem or praise
 * ("thaaanks", "noooo"), twice otherwise ("sweeeet", "cooool"). Other words are left as written.
 */
function unstretched(text: string): string {
  return text.replace(/\p{L}*(\p{L})\1{2,}\p{L}*/gu, (word) => {
    const once = word.replace(STRETCH, '$1');
    return COURTESY.test(once) || TROUBLE.test(once) || PRAISE.test(once) ? once : word.replace(STRETCH, '$1$1');
  });
}

/** A post signed by one of the brand's agents: never answered by the bot, whatever it says. */
export const signedByAgent = (text: string): boolean => AGENT_SIGNATURE.test(text);

/** A question or a request, with its question mark or without. */
const asks = (words: string) => ASKS.test(words) || QUESTION_FORM.test(words) || REQUEST.test(words) || SAME_HERE.test(words);

/** A settling word followed by a contrast with a problem, or limited in time: the matter is not over. */
function takenBack(text: string): boolean {
  const settle = SETTLED.exec(text);
  if (!settle) return false;
  const end = settle.index + settle[0].length;
  const after = text.slice(end).replace(COURTESY_IDIOMS, ' ');
  const contrast = CONTRAST.exec(after);
  const contrasted = contrast === null ? '' : after.slice(contrast.index + contrast[0].length);
  const problemAfter = contrast !== null && (TROUBLE.test(contrasted.replace(WISHES, ' ')) || RECURRED.test(contrasted));
  // The limit sits beside the settling words ("temporarily fixes it", "worked for 1 day").
  const near = text.slice(Math.max(0, settle.index - NEAR_CHARS), end + NEAR_CHARS);
  // "sorted it out last night" tells when it was fixed; "worked great yesterday" that it may not work now.
  return problemAfter || TEMPORARY.test(near) || (/\bwork/iu.test(settle[0]) && PAST_TIME.test(near));
}

/** A promotion posted to everyone, its link included, that tells of no problem ("got charged" is a customer's). */
function isPromotion(text: string, bare: string): boolean {
  return (
    !ADDRESSED.test(text) && LINK.test(bare) && PROMOTION.test(bare) && !TROUBLE.test(bare.replace(PROMOTIONS, ' ').replace(WISHES, ' '))
  );
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
