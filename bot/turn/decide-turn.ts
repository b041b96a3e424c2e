import { composeReply, toneFor } from '../../config/knowledge/reply-tone.js';
import { courtesyScript, isEntryActive, replyScript, replyVariables, type Knowledge } from '../../config/knowledge/schema.js';
import type { Understander, Understanding } from '../../intents/understanding.js';
import { replyName } from '../channels/handles.js';
import type { Mention } from '../../store/mention.js';
import { isFollowUp } from '../../intents/follow-up-cues.js';
import type { EarlierMention } from '../../store/store.js';
import { BOT_MAY_ANSWER, type ThreadState } from '../../store/thread-state.js';
import { isBotAuthor, isBrandPost } from './guards.js';
import { noReplyReason, type NoReplyReason } from './no-reply.js';
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
  | NoReplyReason;

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
  /** The thread's earlier mentions, oldest first, bounded (EARLIER_MENTIONS_READ): read once per turn. */
  earlierMentions?: () => Promise<readonly EarlierMention[]>;
}

/** Outside business hours: the acknowledgement to use instead, and when a person will answer. */
export interface AfterHours {
  template: string;
  opens: string;
}

/**
 * The acknowledgement posted when a person takes over (also when the deadline passes). Outside
 * business hours it says, in the customer's thread, when a person will answer. The author is named
 * only as the platform could have written them (a forged or odd name becomes "there").
 */
export function acknowledgement(knowledge: Knowledge, mention: Mention, afterHours?: AfterHours): string {
  const template = afterHours ? afterHours.template : knowledge.acknowledgement;
  return composeReply(
    template,
    { author: replyName(mention.channel, mention.author), ...(afterHours ? { opens: afterHours.opens } : {}) },
    toneFor(knowledge, mention.channel, mention.text),
  );
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
  return {
    status: 'handed_off',
    reason,
    handoff: true,
    reply: { text: acknowledgement(deps.knowledge, mention, deps.afterHours), kind: 'acknowledgement' },
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

  const thread = deps.earlierMentions ? threadContext(await deps.earlierMentions(), mention.author) : EMPTY_THREAD;
  const understanding = await understandMention(deps.understander, mention, deps.now);
  const entry = understanding.entryId ? deps.knowledge.entries.find((e) => e.id === understanding.entryId) : undefined;
  const confident = understanding.decision ? understanding.decision === 'answer' : understanding.confidence >= deps.answerThreshold;
  const matched = entry !== undefined && confident && isEntryActive(entry, mention.channel, deps.now);
  // The same canned reply twice in a thread helps nobody; "still not working" after an answer needs a person.
  const repeated = matched && thread.answeredEntries.has(entry.id) ? entry.id : undefined;
  const stuck = thread.followed?.status === 'answered' && isFollowUp(mention.text);
  const answering = matched && !repeated && !stuck;
  const capReached = (await deps.recentRepliesToAuthor()) >= deps.authorReplyCap;

  // Needs no person: a thanks gets the courtesy reply (none past the author's cap), spam and noise nothing.
  const noReply =
    answering || !deps.noReply ? undefined : noReplyReason(mention.text, understanding, { thread, brandHandles: deps.brandHandles });
  if (noReply) {
    const script = noReply === 'courtesy' && !capReached ? courtesyScript(deps.knowledge, mention.channel) : undefined;
    return {
      status: 'no_reply',
      reason: noReply,
      handoff: false,
      understanding,
      ...(script
        ? {
            reply: {
              text: composeReply(
                script,
                { author: replyName(mention.channel, mention.author) },
                toneFor(deps.knowledge, mention.channel, mention.text),
              ),
              kind: 'courtesy' as const,
            },
          }
        : {}),
    };
  }
  const followUp = followUpOf(mention.text, thread, repeated);
  if (capReached)
    return { status: 'handed_off', reason: 'author_reply_cap', handoff: true, understanding, ...(followUp ? { followUp } : {}) };

  if (entry && answering) {
    return {
      status: 'answered',
      reason: 'knowledge_match',
      reply: {
        text: composeReply(
          replyScript(entry, mention.channel),
          replyVariables(entry, replyName(mention.channel, mention.author)),
          toneFor(deps.knowledge, mention.channel, mention.text),
        ),
        kind: 'answer',
      },
      handoff: false,
      entryId: entry.id,
      understanding,
    };
  }
  return {
    status: 'handed_off',
    reason: followUp ? 'follow_up' : 'not_understood',
    reply: { text: acknowledgement(deps.knowledge, mention, deps.afterHours), kind: 'acknowledgement' },
    handoff: true,
    understanding,
    ...(followUp ? { followUp } : {}),
  };
}
