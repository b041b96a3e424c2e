import type { Understanding } from '../../intents/understanding.js';
import { whyNoAnswer } from '../../intents/why-no-answer.js';
import { stripInvisible } from '../../shared/strip-invisible.js';

/** A stored decision as the store gives it back (bot/turn/decide-turn.ts wrote it): any field may be absent. */
type StoredDecision = Record<string, unknown> | null | undefined;

const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/**
 * Why the bot handed this post to a person instead of answering it, in a sentence an agent reads
 * beside the suggested replies: a suggestion the bot refused is one the agent weighs twice, and one
 * it was merely unsure of is one to send (sending it teaches the bot). Read from the decision stored
 * with the post, not worked out again: the knowledge may have changed since. Null where the bot was
 * not asked (a person held the thread, the brand's own post) or answered.
 */
export function botWhy(decision: StoredDecision): string | null {
  if (!decision) return null;
  const reason = text(decision.reason);
  const u = (decision.understanding as Understanding | undefined) ?? undefined;
  const followUp = decision.followUp as { entryId?: unknown } | undefined;
  const answered = text(followUp?.entryId);
  switch (reason) {
    case 'not_understood':
      return clean((u && whyNoAnswer(u)) ?? 'no entry of the knowledge file is close to it');
    case 'follow_up':
      return clean(
        answered && u?.entryId === answered
          ? `it asks again about "${answered}", which the bot already answered in this thread (it never sends the same reply twice)`
          : answered
            ? `it follows the bot's answer "${answered}" in this thread ("still", "any update?"): the answer did not settle it`
            : 'it follows up on an earlier post of this thread that a person has',
      );
    case 'language':
      return clean(`"${text(u?.entryId) ?? 'the entry'}" answers it, but has no reply in the post's language`);
    case 'author_reply_cap':
      return 'the bot has already replied to this customer as often as it may for now (the author reply cap)';
    case 'deadline':
    case 'turn_failed':
      return 'the bot could not read the post in time, so it only acknowledged it';
    default:
      // A no-reply decision an agent turned into a handoff: what the bot took it for.
      return decision.status === 'no_reply' && reason ? clean(`the bot took it as needing no reply (${reason.replace(/_/g, ' ')})`) : null;
  }
}

const clean = (s: string) => stripInvisible(s).replace(/\s+/g, ' ').trim();
