import { answersIn } from '../../config/knowledge/language-scripts.js';
import { isEntryActive, type Knowledge } from '../../config/knowledge/schema.js';
import type { Understander, Understanding } from '../../intents/understanding.js';
import type { Mention } from '../../store/mention.js';
import { isFollowUp } from '../../intents/follow-up-cues.js';
import type { EarlierMention } from '../../store/store.js';
import { BOT_MAY_ANSWER, type ThreadState } from '../../store/thread-state.js';
import { isBotAuthor, isBrandPost } from './guards.js';
import { acknowledgementIn, answerIn, courtesyReplyIn, type AfterHours } from './language-replies.js';
import { mentionLanguage } from './mention-language.js';
import { noReplyReason, signedByAgent, type NoReplyReason } from './no-reply.js';
import { EMPTY_THREAD, threadContext, type ThreadContext } from './thread-context.js';
import { understandMention } from './understand-mention.js';

export type TurnReason =
  | 'knowledge_match'
  | 'not_understood'
  | 'own_post'
  | 'brand_post'
  | 'human_reply_on_platform'
  | 'bot_author'
  | 'thread_owned_by_human'
  | 'author_reply_cap'
  | 'deadline'
  | 'turn_failed'
  | 'follow_up'
  /** The bot knew the answer but has none in the mention's language. */
  | 'language'
  | NoReplyReason;

export type { AfterHours };

/**
 * A handoff that follows up on the thread's earlier mention: the entry the bot answered it with (the
 * answer did not help, or the same question came again), and the topic it was understood as.
 */
export interface FollowUp {
  /** The earlier mention's id in the store (absent in previews). */
  mentionId?: number;
  entryId?: string;
  topic?: string;
}

export interface TurnDecision {
  status: 'answered' | 'handed_off' | 'ignored' | 'routed' | 'no_reply';
  reason: TurnReason;
  reply?: { text: string; kind: 'answer' | 'acknowledgement' | 'courtesy' };
  /** The thread goes to the human queue. */
  handoff: boolean;
  /** A person replied natively on the platform from the brand's account: they own the thread now. */
  takenOverBy?: string;
  /** The brand's own top-level post (no customer in the thread): its thread is dropped. */
  dropThread?: boolean;
  entryId?: string;
  understanding?: Understanding;
  /** Set on a handoff that follows up on an earlier mention of the thread. */
  followUp?: FollowUp;
  /** The language the mention was taken to be in (mention-language.ts); every reply is in it, or noted. */
  language?: string;
  /** For the agents: why the reply is not in the mention's language (the file has no acknowledgement in it). */
  languageNote?: string;
}

/** Minimum confidence to answer when the understander has no answer policy of its own. */
export const DEFAULT_ANSWER_THRESHOLD = 0.6;

export interface DecideDeps {
  understander: Understander;
  knowledge: Knowledge;
  threadState: ThreadState;
  /** Bot replies already given to this author within the cap window. */
  recentRepliesToAuthor: () => Promise<number>;
  brandHandles: readonly string[];
  knownBots: readonly string[];
  authorReplyCap: number;
  /** Minimum confidence to answer from the knowledge file rather than hand off. */
  answerThreshold: number;
  now: Date;
  /** Whether a brand post in this thread was sent by first-reply (else a person posted it natively). */
  isOwnReply?: () => Promise<boolean>;
  /** Set outside business hours. */
  afterHours?: AfterHours;
  /** Decide thanks, praise, spam and noise as no_reply instead of handing them off (NO_REPLY_DECISIONS). */
  noReply?: boolean;
  /** The longest thanks or praise decided a courtesy, in words (COURTESY_MAX_WORDS). */
  courtesyWords?: number;
  /** The thread's earlier mentions, oldest first, bounded (EARLIER_MENTIONS_READ): read once per turn. */
  earlierMentions?: () => Promise<readonly EarlierMention[]>;
}

/**
 * The mentions the bot must not answer at all, whatever they say. A brand post that first-reply did
 * not send is a person answering natively on the platform: the thread becomes theirs.
 */
export async function guardMention(
  mention: Mention,
  deps: Pick<DecideDeps, 'brandHandles' | 'knownBots' | 'threadState' | 'isOwnReply' | 'earlierMentions'>,
): Promise<TurnDecision | undefined> {
  if (isBrandPost(mention, deps.brandHandles)) {
    if (deps.isOwnReply && !(await deps.isOwnReply())) {
      // Only a reply to a customer takes a thread over; the brand's own post starts none.
      if (deps.earlierMentions && !(await hasCustomer(mention, deps.earlierMentions, deps.brandHandles)))
        return { status: 'ignored', reason: 'brand_post', handoff: false, dropThread: true };
      return { status: 'ignored', reason: 'human_reply_on_platform', handoff: false, takenOverBy: `platform:${mention.author}` };
    }
    return { status: 'ignored', reason: 'own_post', handoff: false };
  }
  if (isBotAuthor(mention, deps.knownBots)) return { status: 'ignored', reason: 'bot_author', handoff: false };
  if (!BOT_MAY_ANSWER.includes(deps.threadState)) return { status: 'routed', reason: 'thread_owned_by_human', handoff: false };
  return undefined;
}

/** Whether a customer (not the brand, not an ignored post) wrote earlier in the mention's thread. */
async function hasCustomer(mention: Mention, earlier: () => Promise<readonly EarlierMention[]>, brandHandles: readonly string[]) {
  return (await earlier()).some((m) => m.status !== 'ignored' && !isBrandPost({ ...mention, author: m.author }, brandHandles));
}

/**
 * Without understanding (the deadline passed, or the turn keeps failing): the guards still hold,
 * then acknowledge and hand off, silently once the author's reply cap is reached.
 */
export async function decideAcknowledgement(
  mention: Mention,
  reason: Extract<TurnReason, 'deadline' | 'turn_failed'>,
  deps: Omit<DecideDeps, 'understander' | 'answerThreshold'>,
): Promise<TurnDecision> {
  const guarded = await guardMention(mention, deps);
  if (guarded) return guarded;
  if ((await deps.recentRepliesToAuthor()) >= deps.authorReplyCap)
    return { status: 'handed_off', reason: 'author_reply_cap', handoff: true };
  const earlier = deps.earlierMentions ? await deps.earlierMentions() : [];
  const { language } = mentionLanguage(deps.knowledge, mention.text, textsBy(earlier, mention.author));
  return { status: 'handed_off', reason, handoff: true, ...acknowledged(deps.knowledge, mention, language, deps.afterHours) };
}

const textsBy = (earlier: readonly EarlierMention[], author: string) => earlier.filter((m) => m.author === author).map((m) => m.text);

/** The acknowledgement as a decision's reply, its language and the agents' note when it is not the mention's. */
function acknowledged(knowledge: Knowledge, mention: Mention, language: string, afterHours?: AfterHours) {
  const ack = acknowledgementIn(knowledge, mention, language, afterHours);
  return {
    reply: { text: ack.text, kind: 'acknowledgement' as const },
    language,
    ...(ack.note ? { languageNote: ack.note } : {}),
  };
}

/**
 * The earlier mention a handoff follows up on: whenever the thread's earlier mention by this author was
 * answered by the bot, or (a follow-up phrasing: "still", "any update?") handed to a person.
 */
function followUpOf(text: string, thread: ThreadContext, repeated?: string): FollowUp | undefined {
  const earlier = thread.followed;
  if (repeated && earlier?.entryId !== repeated) return { entryId: repeated };
  if (!earlier || (!repeated && earlier.status !== 'answered' && !isFollowUp(text))) return undefined;
  // Previews decide threads that are not stored: their earlier mentions have no id.
  return {
    ...(earlier.id > 0 ? { mentionId: earlier.id } : {}),
    ...(earlier.entryId ? { entryId: earlier.entryId } : {}),
    ...(earlier.topic ? { topic: earlier.topic } : {}),
  };
}

/** What the bot does with one mention. Guards first; then answer only what it knows, once per thread. */
export async function decideTurn(mention: Mention, deps: DecideDeps): Promise<TurnDecision> {
  const guarded = await guardMention(mention, deps);
  // The bot stays quiet where people hold the thread, but the queue orders it by what the customer just said.
  if (guarded?.status === 'routed') return { ...guarded, understanding: await understandMention(deps.understander, mention, deps.now) };
  if (guarded) return guarded;

  const earlier = deps.earlierMentions ? await deps.earlierMentions() : undefined;
  const thread = earlier ? threadContext(earlier, mention.author) : EMPTY_THREAD;
  // Decided once: the mention is understood against this language's examples, and every reply is in it.
  const chosen = mentionLanguage(deps.knowledge, mention.text, textsBy(earlier ?? [], mention.author));
  const { language } = chosen;
  const understanding = await understandMention(deps.understander, mention, deps.now, chosen);
  const entry = understanding.entryId ? deps.knowledge.entries.find((e) => e.id === understanding.entryId) : undefined;
  const confident = understanding.decision ? understanding.decision === 'answer' : understanding.confidence >= deps.answerThreshold;
  const matched = entry !== undefined && confident && isEntryActive(entry, mention.channel, deps.now);
  // The same canned reply twice in a thread helps nobody; "still not working" after an answer needs a person.
  const repeated = matched && thread.answeredEntries.has(entry.id) ? entry.id : undefined;
  const stuck = thread.followed?.status === 'answered' && isFollowUp(mention.text);
  // Never an answer in another language than the mention's: without the entry's reply in it, a person answers.
  const answer = matched ? answerIn(deps.knowledge, entry, mention, language) : undefined;
  const untranslated = matched && answer === undefined;
  // Another of the brand's accounts answering a customer (signed "^JAY") is no customer to answer.
  const answering = matched && !repeated && !stuck && !untranslated && !signedByAgent(mention.text);
  const capReached = (await deps.recentRepliesToAuthor()) >= deps.authorReplyCap;

  // Needs no person: a thanks gets the courtesy reply (none past the author's cap), spam and noise nothing.
  const noReply =
    answering || !deps.noReply
      ? undefined
      : noReplyReason(mention.text, understanding, {
          thread,
          brandHandles: deps.brandHandles,
          otherLanguage: !answersIn(deps.knowledge, language),
          courtesyWords: deps.courtesyWords,
        });
  if (noReply) {
    // A thanks in a language without a courtesy reply gets none: no reply rather than one in another language.
    const text = noReply === 'courtesy' && !capReached ? courtesyReplyIn(deps.knowledge, mention, language) : undefined;
    return {
      status: 'no_reply',
      reason: noReply,
      handoff: false,
      understanding,
      language,
      ...(text ? { reply: { text, kind: 'courtesy' as const } } : {}),
    };
  }
  const followUp = followUpOf(mention.text, thread, repeated);
  if (capReached)
    return { status: 'handed_off', reason: 'author_reply_cap', handoff: true, understanding, language, ...(followUp ? { followUp } : {}) };

  if (entry && answering && answer !== undefined) {
    return {
      status: 'answered',
      reason: 'knowledge_match',
      reply: { text: answer, kind: 'answer' },
      handoff: false,
      entryId: entry.id,
      understanding,
      language,
    };
  }
  return {
    status: 'handed_off',
    reason: followUp ? 'follow_up' : untranslated && !repeated && !stuck ? 'language' : 'not_understood',
    handoff: true,
    understanding,
    ...acknowledged(deps.knowledge, mention, language, deps.afterHours),
    ...(followUp ? { followUp } : {}),
  };
}
